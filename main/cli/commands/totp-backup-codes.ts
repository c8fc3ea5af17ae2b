import {
  BACKUP_ALPHABET_NAMES,
  type BackupAlphabet,
  DEFAULT_BACKUP_CODE_OPTIONS,
  generateBackupCodes,
} from '../../core/totp/backup-code-generate';
import { usageError } from '../parse-args';
import type { CliContext } from '../registry';

function whole(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw usageError(`${option} takes a whole number.`);
  return Number(value);
}

/**
 * `latch totp backup-codes`: a fresh set of recovery codes for the user's own app. The codes go to
 * stdout, one a line, so they can be piped into a file; the entropy and the storage advice go to
 * stderr. Nothing is read from or written to the vault.
 */
export function runBackupCodes(ctx: CliContext): number {
  const alphabet = ctx.values.alphabet ?? DEFAULT_BACKUP_CODE_OPTIONS.alphabet;
  if (typeof alphabet !== 'string' || !(BACKUP_ALPHABET_NAMES as string[]).includes(alphabet))
    throw usageError(`--alphabet takes one of ${BACKUP_ALPHABET_NAMES.join(', ')}.`);
  const generated = generateBackupCodes({
    count: whole(ctx.values.count, '--count', DEFAULT_BACKUP_CODE_OPTIONS.count),
    length: whole(ctx.values.length, '--length', DEFAULT_BACKUP_CODE_OPTIONS.length),
    group: whole(ctx.values.group, '--group', DEFAULT_BACKUP_CODE_OPTIONS.group),
    alphabet: alphabet as BackupAlphabet,
  });
  ctx.output(generated, generated.codes.join('\n'));
  if (!ctx.json) {
    const { storage } = generated;
    ctx.note(`${generated.entropyBits} bits of entropy per code (${generated.alphabet}).`);
    ctx.note(`Store each code as its own ${storage.scheme} hash, never as it is. ${storage.why}`);
    ctx.note(`  e.g. ${storage.example}`);
  }
  return 0;
}
