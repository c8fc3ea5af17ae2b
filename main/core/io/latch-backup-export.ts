import { promises as fsp } from 'node:fs';
import type { RecordVault } from '../credentials/record-vault';
import { createVault } from '../vault/create-vault';
import { type PrivateFileOptions, placePrivateFile, privateTempName, writeFailed } from './private-file';

export interface LatchBackupExportOptions {
  /** The open vault to copy from. */
  source: Pick<RecordVault, 'entries' | 'readRecord'>;
  /** Where the backup is written; must not exist yet. */
  path: string;
  /** The backup's own password: it need not be the vault's. */
  password: string;
  /** PBKDF2 cost of the backup (default: the vault module's default, 600,000). */
  iterations?: number;
}

/**
 * An encrypted backup with its own password: a new vault file (same format and crypto as
 * the vault itself, docs/vault-format.md) holding a copy of every record, index entry and
 * body, written in one save. Password mode only; no quick unlock, no device key, so it opens
 * on any machine with the password alone. If any step fails the partial file is removed.
 */
export async function exportLatchBackup(o: LatchBackupExportOptions): Promise<{ records: number }> {
  const { vault } = await createVault({
    path: o.path,
    password: o.password,
    ...(o.iterations !== undefined ? { iterations: o.iterations } : {}),
  });
  let records = 0;
  try {
    for (const [id, entry] of o.source.entries()) {
      vault.putRecord(id, entry, await o.source.readRecord(id));
      records++;
    }
    await vault.save();
  } catch (e) {
    vault.lock();
    await fsp.rm(o.path, { force: true }).catch(() => undefined);
    await fsp.rm(`${o.path}.bak`, { force: true }).catch(() => undefined);
    throw e;
  }
  vault.lock();
  // The first (empty) save left a .bak beside the backup; it holds nothing, so drop it.
  await fsp.rm(`${o.path}.bak`, { force: true }).catch(() => undefined);
  return { records };
}

/**
 * A backup at a path the user named, written as every file of secrets is (private-file.ts): the vault's own
 * atomic save under a private temporary name beside it, then put in place, so a link at the path is refused,
 * never written through, a pipe or a device is refused, and a failure leaves nothing half-written there.
 */
export async function writeLatchBackupFile(
  o: LatchBackupExportOptions,
  place: PrivateFileOptions,
): Promise<{ records: number }> {
  const scratch = privateTempName(o.path);
  try {
    const written = await exportLatchBackup({ ...o, path: scratch });
    await placePrivateFile(scratch, o.path, place);
    return written;
  } catch (e) {
    await fsp.rm(scratch, { force: true }).catch(() => undefined);
    throw writeFailed(o.path, e);
  }
}
