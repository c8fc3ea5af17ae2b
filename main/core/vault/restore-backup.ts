import { LatchError } from '../model/errors';
import { atomicWrite } from './atomic-write';
import { decodeContainer, fileFingerprint, verifyChecksum } from './container';
import { nodeFileSystem, type VaultFileSystem } from './fs-port';
import { inspectVault } from './inspect-vault';
import { backupPathOf, resolveLinks } from './resolve-links';

export interface RestoreResult {
  /** Where the damaged file now is (`<vault>.damaged-YYYYMMDD-HHMMSS`); it is never deleted. */
  damagedAside: string;
  /** The backup that was copied into place (it stays, too). */
  backup: string;
}

const errno = (e: unknown) => (e as { code?: string } | null)?.code;

/** 20261201-213005: sorts by time and holds no character a file system refuses. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** The backup passes magic, structure and checksum: a copy of it will too. */
function checkIntact(bytes: Uint8Array): void {
  decodeContainer(bytes);
  verifyChecksum(bytes);
}

/**
 * Puts `<vault>.bak` back in place of a damaged vault file. Only a damaged file is replaced (an intact
 * vault holds the latest save, which the backup does not). The damaged file is first linked (or, where
 * the file system has no hard links, copied) to `<vault>.damaged-<time>` beside it, so it stays for
 * inspection and nothing is ever deleted; then the backup's bytes are written over the vault by the
 * same atomic save as every save (lock, temporary, fsync, read back, check the damaged file did not
 * change meanwhile, rename): an interruption at any step leaves the damaged file or the restored one,
 * never half of either. Whether the password opens the backup is for the caller to check first.
 */
export async function restoreBackup(o: { path: string; now: Date; fs?: VaultFileSystem }): Promise<RestoreResult> {
  const fs = o.fs ?? nodeFileSystem;
  const intact = await inspectVault(o.path, { fs }).then(
    (info) => info.exists,
    () => false,
  );
  if (intact)
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The vault file is not damaged: it holds your latest save, so the older backup is not put over it.',
      { detail: { reason: 'not-damaged' } },
    );
  const real = await resolveLinks(fs, o.path);
  const backup = await backupPathOf(fs, o.path);
  let backupBytes: Uint8Array;
  try {
    backupBytes = await fs.readFile(backup);
    checkIntact(backupBytes);
  } catch (e) {
    if (errno(e) === 'ENOENT')
      throw new LatchError('ERR_VAULT_NOT_FOUND', `There is no backup (${backup}) to restore.`, {
        detail: { path: backup },
      });
    throw e;
  }
  // Read through the port: a FIFO or a device at the vault path is refused here, never copied.
  const damagedStat = await fs.stat(real);
  const damaged = damagedStat === null ? null : await fs.readFile(real);
  let damagedAside = '';
  if (damaged !== null) {
    damagedAside = `${real}.damaged-${stamp(o.now)}`;
    try {
      await fs.link(real, damagedAside);
    } catch (e) {
      if (errno(e) === 'EEXIST')
        throw new LatchError('ERR_VAULT_EXISTS', `${damagedAside} already exists; try again in a second.`, {
          detail: { path: damagedAside },
        });
      // No hard links here (some synced or FAT folders): a copy keeps the damaged bytes just as well.
      const fh = await fs.createExclusive(damagedAside, 0o600);
      try {
        await fh.write(damaged);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  }
  await atomicWrite({
    fs,
    path: o.path,
    bytes: backupBytes,
    fingerprint: fileFingerprint(backupBytes),
    expected: damagedStat && damaged ? { stat: damagedStat, fingerprint: fileFingerprint(damaged) } : null,
    // The file being replaced is the damaged one: it must never become the backup.
    keepBackup: false,
    verify: async (back) => checkIntact(back),
  });
  return { damagedAside, backup };
}
