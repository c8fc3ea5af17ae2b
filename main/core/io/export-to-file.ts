import type { RecordVault } from '../credentials/record-vault';
import type { Clock, SaveDialog } from '../platform';
import { writeLatchBackupFile } from './latch-backup-export';
import { buildPlaintextExport } from './plaintext-export';
import { writePrivateFile } from './private-file';

export type SecretExport = { format: 'plaintext' } | { format: 'latch-backup'; backupPassword: string };
export type ExportOutcome = { saved: false } | { saved: true; path: string };

const stamp = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * Writes an export of every secret to a file the user picks in the save dialog: the content
 * goes from the vault to the disk in main and is never handed to the caller. It is written as a
 * private file (private-file.ts): a failure leaves no half-written export, an existing file the
 * user chose to replace is replaced whole, and a link, pipe or device at the path is refused.
 */
export async function exportToChosenFile(o: {
  vault: Pick<RecordVault, 'entries' | 'readRecord'>;
  clock: Clock;
  dialog: SaveDialog;
  request: SecretExport;
}): Promise<ExportOutcome> {
  const plaintext = o.request.format === 'plaintext';
  const path = await o.dialog.choose({
    title: plaintext ? 'Save the plain-text export' : 'Save the encrypted backup',
    defaultName: `latch-${plaintext ? 'export' : 'backup'}-${stamp(o.clock.now())}.${plaintext ? 'json' : 'latch'}`,
    extension: plaintext ? 'json' : 'latch',
  });
  if (path === null) return { saved: false };
  // The dialog asked before replacing a file, so one already there is replaced (whole, in one step).
  const place = { overwrite: true };
  if (o.request.format === 'plaintext') {
    await writePrivateFile(path, await buildPlaintextExport(o.vault, o.clock, { confirmPlaintext: true }), place);
    return { saved: true, path };
  }
  await writeLatchBackupFile({ source: o.vault, path, password: o.request.backupPassword }, place);
  return { saved: true, path };
}
