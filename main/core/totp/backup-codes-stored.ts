import type { BackupCode } from './backup-codes';

/**
 * Recovery codes live in the vault as an ordinary `secret` credential named "Recovery codes":
 * one code per line, a spent one prefixed with "✓ ". A plain-text value keeps them readable in an
 * export or a backup and needs no change to the service model.
 */
export const BACKUP_CODES_CREDENTIAL = 'Recovery codes';
export const USED_MARK = '✓ ';

export function parseStoredBackupCodes(value: string): BackupCode[] {
  const codes: BackupCode[] = [];
  for (const raw of value.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith(USED_MARK.trim())) {
      const code = line.slice(USED_MARK.trim().length).trim();
      if (code !== '') codes.push({ code, used: true });
    } else {
      codes.push({ code: line, used: false });
    }
  }
  return codes;
}

export function formatStoredBackupCodes(codes: readonly BackupCode[]): string {
  return codes.map((c) => (c.used ? `${USED_MARK}${c.code}` : c.code)).join('\n');
}

/** What the screen shows for a code it has not been asked to reveal: enough to find it on paper. */
export function maskBackupCode(code: string): string {
  const visible = code.length > 6 ? 3 : 1;
  return `${code.slice(0, visible)}${'•'.repeat(Math.max(3, code.length - visible))}`;
}
