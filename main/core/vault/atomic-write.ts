import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { LatchError } from '../model/errors';
import { CHECKSUM_BYTES, fileFingerprint, trustedFingerprint } from './container';
import { acquireWriteLock, type LockOptions } from './file-lock';
import type { VaultFileStat, VaultFileSystem } from './fs-port';
import { resolveLinks } from './resolve-links';
import { saveFailed } from './save-failure';

/** What a writer believes is on disk: the file it loaded or last wrote. */
export interface DiskState {
  stat: VaultFileStat;
  /** container.fileFingerprint of the content. */
  fingerprint: string;
}

export type SaveStep =
  | 'lock'
  | 'cleanup'
  | 'check'
  | 'temp-create'
  | 'temp-write'
  | 'temp-sync'
  | 'temp-close'
  | 'read-back'
  | 'backup'
  | 'recheck'
  | 'rename'
  | 'dir-sync';

export interface AtomicWriteOptions {
  fs: VaultFileSystem;
  path: string;
  /**
   * The new file. A promise lets the caller encode it while the lock is taken and the disk checked
   * (it is awaited before the temporary is created; a rejection fails the save like any other step).
   */
  bytes: Uint8Array | Promise<Uint8Array>;
  /** fileFingerprint of bytes; by default read from their trailer (valid for bytes finishContainer completed). */
  fingerprint?: string;
  /** null: the file must not exist yet (creation). */
  expected: DiskState | null;
  /** Keep the replaced file as `<path>.bak` (only when it is a known-good vault). */
  keepBackup: boolean;
  /** Decrypt-verifies the bytes read back from the temporary file; throws when they are not right. */
  verify(readBack: Uint8Array): Promise<void>;
  lock?: LockOptions;
  /** Test hook: awaited before each step (the crash tests stall or kill the process here). */
  onStep?: (step: SaveStep) => Promise<void> | void;
}

export interface AtomicWriteResult {
  disk: DiskState;
  /** False when the folder could not be fsynced after the rename (the new file is in place either way). */
  durable: boolean;
}

const sameStat = (a: VaultFileStat, b: VaultFileStat, withCtime: boolean): boolean =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && (!withCtime || a.ctimeMs === b.ctimeMs);

function changedOnDisk(what: string): LatchError {
  return new LatchError(
    'ERR_VAULT_CHANGED_ON_DISK',
    `The vault file ${what} since it was opened (another Latch window, the command line or a sync tool). Nothing was overwritten: reload it, then save again (your unsaved changes are kept and re-applied).`,
    { detail: { reason: what } },
  );
}

/** The hex of the file's checksum trailer (its last 32 bytes): fileFingerprint's second half. */
async function trailerOnDisk(fs: VaultFileSystem, path: string): Promise<string> {
  const tail = fs.readTail
    ? await fs.readTail(path, CHECKSUM_BYTES)
    : (await fs.readFile(path)).subarray(-CHECKSUM_BYTES);
  return Buffer.from(tail).toString('hex');
}

export interface CheckOptions {
  /**
   * Also compare the checksum trailer when the stat is unchanged (one 32-byte read): a write in place within the
   * same timestamp tick, or on a file system with coarse or cached times, keeps size, mtime and ctime, but any
   * change of content changes the trailer. The save path always asks (a missed change there is another
   * writer's change overwritten); the agent's held vault too (a missed one there is a stale secret served).
   */
  trailer?: boolean;
  /** Compare ctime too (default): false after the save's own backup link, which changes it. */
  ctime?: boolean;
}

/**
 * Compares the file on disk with what the writer believes is there: stat first (and the trailer, if asked),
 * content hash when the stat differs.
 */
export async function checkUnchanged(
  fs: VaultFileSystem,
  path: string,
  expected: DiskState | null,
  options: CheckOptions = {},
): Promise<VaultFileStat | null> {
  const now = await fs.stat(path);
  if (expected === null) {
    if (now !== null) {
      throw new LatchError('ERR_VAULT_EXISTS', 'A vault already exists at this path; open it or choose another path.', {
        detail: { path },
      });
    }
    return null;
  }
  if (now === null) throw changedOnDisk('was deleted or moved');
  if (sameStat(now, expected.stat, options.ctime !== false)) {
    if (!options.trailer) return now;
    // Any other trailer is other content (the fingerprint ends with it); the same one, with the same stat, is ours.
    if ((await trailerOnDisk(fs, path)) === expected.fingerprint.slice(64)) return now;
    throw changedOnDisk('was changed');
  }
  if (fileFingerprint(await fs.readFile(path)) !== expected.fingerprint) throw changedOnDisk('was changed');
  return now;
}

/**
 * The durability protocol (docs/vault-format.md): lock, check the disk is what we expect, write a
 * 0600 temporary in the same folder, fsync, read back and decrypt-verify, keep the old file as .bak
 * (hard link), check again, rename over, fsync the folder. Before the rename nothing the user had is
 * touched; a failure removes the temporary and throws ERR_SAVE_FAILED (or the conflict it found).
 */
export async function atomicWrite(o: AtomicWriteOptions): Promise<AtomicWriteResult> {
  const { fs } = o;
  // A vault linked from the default place into a synced folder: write the real file, in its own
  // folder (temporary, backup and lock beside it), so the rename replaces the target, never the link.
  const creating = o.expected === null;
  let path: string;
  try {
    path = await resolveLinks(fs, o.path);
  } catch (e) {
    throw saveFailed(e, { folder: dirname(o.path), step: 'resolve', creating });
  }
  const dir = dirname(path);
  const failed = (e: unknown, step: string) => saveFailed(e, { folder: dir, step, creating });
  let current: SaveStep = 'lock';
  const base = basename(path);
  const step = async (s: SaveStep) => {
    current = s;
    if (o.onStep) await o.onStep(s);
  };
  const tmp = join(dir, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
  const bakTmp = `${path}.bak.tmp`;
  let tmpCreated = false;
  let bakTmpCreated = false;
  // Not awaited until 'temp-create': keep an early rejection from going unhandled meanwhile.
  if (o.bytes instanceof Promise) o.bytes.catch(() => undefined);
  let bytes: Uint8Array | undefined;

  await step('lock');
  let release: () => Promise<void>;
  try {
    release = await acquireWriteLock(fs, path, o.lock);
  } catch (e) {
    if (e instanceof LatchError) throw e;
    throw failed(e, 'lock');
  }
  try {
    await step('cleanup');
    // Holding the lock, any leftover temporary is from a save that was killed: remove it.
    const leftovers = (await fs.readdir(dir).catch(() => [] as string[])).filter(
      (n) => (n.startsWith(`.${base}.`) && n.endsWith('.tmp')) || n === `${base}.bak.tmp`,
    );
    for (const n of leftovers) await fs.unlink(join(dir, n)).catch(() => undefined);

    await step('check');
    await checkUnchanged(fs, path, o.expected, { trailer: true });

    bytes = await o.bytes;
    await step('temp-create');
    const fh = await fs.createExclusive(tmp, 0o600);
    tmpCreated = true;
    try {
      await step('temp-write');
      await fh.write(bytes);
      await step('temp-sync');
      await fh.sync();
    } finally {
      await step('temp-close');
      await fh.close();
    }

    await step('read-back');
    const back = await fs.readFile(tmp);
    if (!Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(bytes)) {
      throw new Error('read-back mismatch');
    }
    await o.verify(back);

    if (o.keepBackup && o.expected !== null) {
      await step('backup');
      await makeBackup(fs, path, bakTmp, () => {
        bakTmpCreated = true;
      });
      bakTmpCreated = false;
    }

    await step('recheck');
    if (o.expected !== null) {
      // The backup link changed the file's ctime; size, mtime, inode and the trailer still tell a change apart.
      await checkUnchanged(fs, path, o.expected, { trailer: true, ctime: false });
    } else if ((await fs.stat(path)) !== null) {
      throw new LatchError('ERR_VAULT_EXISTS', 'A vault already exists at this path; open it or choose another path.');
    }

    await step('rename');
    await fs.rename(tmp, path);
    tmpCreated = false;
  } catch (e) {
    if (tmpCreated) await fs.unlink(tmp).catch(() => undefined);
    if (bakTmpCreated) await fs.unlink(bakTmp).catch(() => undefined);
    await release().catch(() => undefined);
    if (e instanceof LatchError) throw e;
    throw failed(e, current);
  }

  // Committed: from here on nothing may report the save as failed.
  let durable = true;
  try {
    await step('dir-sync');
    await fs.syncDir(dir);
  } catch {
    durable = false;
  }
  const stat = await fs.stat(path).catch(() => null);
  await release().catch(() => undefined);
  return {
    disk: {
      stat: stat ?? { size: -1, mtimeMs: -1, ctimeMs: -1, ino: -1 },
      fingerprint: o.fingerprint ?? trustedFingerprint(bytes!),
    },
    durable,
  };
}

const NO_HARDLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);

/** Hard link when possible (instant, and the vault file is never modified in place); a copy where not. */
async function makeBackup(fs: VaultFileSystem, path: string, bakTmp: string, created: () => void): Promise<void> {
  try {
    await fs.link(path, bakTmp);
    created();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === undefined || !NO_HARDLINKS.has(code)) throw e;
    const data = await fs.readFile(path);
    const fh = await fs.createExclusive(bakTmp, 0o600);
    created();
    try {
      await fh.write(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  await fs.rename(bakTmp, `${path}.bak`);
}
