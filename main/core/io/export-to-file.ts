import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecordVault } from '../credentials/record-vault';
import { LatchError } from '../model/errors';
import type { Clock, SaveDialog } from '../platform';
import { exportLatchBackup } from './latch-backup-export';
import { buildPlaintextExport, writePrivateFile } from './plaintext-export';

export type SecretExport = { format: 'plaintext' } | { format: 'latch-backup'; backupPassword: string };
export type ExportOutcome = { saved: false } | { saved: true; path: string };

const stamp = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * Writes an export of every secret to a file the user picks in the save dialog: the content
 * goes from the vault to the disk in main and is never handed to the caller. The file is
 * written beside its destination under a private name and renamed over it, so a failure
 * leaves no half-written export and an existing file the user chose to replace is replaced whole.
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
  const scratch = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    if (o.request.format === 'plaintext') {
      await writePrivateFile(scratch, await buildPlaintextExport(o.vault, o.clock, { confirmPlaintext: true }));
    } else {
      await exportLatchBackup({ source: o.vault, path: scratch, password: o.request.backupPassword });
    }
    await rename(scratch, path);
  } catch (e) {
    await rm(scratch, { force: true }).catch(() => undefined);
    if (e instanceof LatchError) throw e;
    throw new LatchError(
      'ERR_SAVE_FAILED',
      `The export could not be written to ${path} (${(e as { code?: string }).code ?? 'error'}). Choose another folder.`,
      { cause: e },
    );
  }
  return { saved: true, path };
}
