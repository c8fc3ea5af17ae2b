import { LatchError } from '../model/errors';

/** One recovery code as the service printed it, and whether it has been spent. */
export interface BackupCode {
  code: string;
  used: boolean;
}

/** A leading list marker ("1. ", "2) ", "- ", "* ", "• ") that sites put before codes; the space after it is required. */
const LIST_MARKER = /^(?:\d{1,3}[.)]|[-*•])\s+/;

/** Same code written differently (case, spaces, dashes) counts as the same code. */
export function backupCodeKey(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/**
 * Codes pasted from a service's "save your recovery codes" page: one per line, trimmed, list
 * markers removed, blank lines skipped, duplicates dropped (first spelling kept).
 */
export function parseBackupCodes(text: string): BackupCode[] {
  const seen = new Set<string>();
  const codes: BackupCode[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const code = line.trim().replace(LIST_MARKER, '').trim();
    if (code === '') continue;
    const key = backupCodeKey(code);
    if (seen.has(key)) continue;
    seen.add(key);
    codes.push({ code, used: false });
  }
  if (codes.length === 0) {
    throw new LatchError('ERR_BAD_INPUT', 'No recovery codes found. Paste them one per line.', {
      detail: { field: 'codes' },
    });
  }
  return codes;
}

/** A copy of `codes` with `code` marked used. Unknown → ERR_NOT_FOUND; already used → ERR_CONFLICT. */
export function markBackupCodeUsed(codes: readonly BackupCode[], code: string): BackupCode[] {
  const key = backupCodeKey(code);
  const index = codes.findIndex((c) => backupCodeKey(c.code) === key);
  if (index === -1) {
    throw new LatchError('ERR_NOT_FOUND', 'That recovery code is not in this list.', { detail: { field: 'code' } });
  }
  if (codes[index]!.used) {
    throw new LatchError('ERR_CONFLICT', 'That recovery code is already marked as used.', {
      detail: { field: 'code' },
    });
  }
  return codes.map((c, i) => (i === index ? { ...c, used: true } : c));
}

/**
 * A copy of `codes` with `code` marked unused again (a code marked used that never reached the user), or null
 * when there is nothing to take back: the code is gone or unused already (another writer changed the list).
 */
export function unmarkBackupCode(codes: readonly BackupCode[], code: string): BackupCode[] | null {
  const key = backupCodeKey(code);
  const index = codes.findIndex((c) => c.used && backupCodeKey(c.code) === key);
  if (index === -1) return null;
  return codes.map((c, i) => (i === index ? { ...c, used: false } : c));
}

export function backupCodesLeft(codes: readonly BackupCode[]): number {
  return codes.reduce((n, c) => (c.used ? n : n + 1), 0);
}
