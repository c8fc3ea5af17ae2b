/**
 * Files of secrets written for the user (`latch inject -o`, a plain-text export, an encrypted backup): readable by
 * their owner only, and never half-written. The text goes to a temporary file in the target's folder (created
 * exclusively, never through a link, with the mode asked for), is synced, and then takes the target's name in one
 * step, so a full disk or a kill leaves the old file whole and no reader sees the new one half-written or with
 * wider permissions. What is at the target is looked at first: a link, a pipe, a device or a folder is refused,
 * never written through or replaced (a pipe would hang the writer, a link would send secrets where it points).
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LatchError } from '../model/errors';
import { nodeFileSystem, type VaultFileHandle, type VaultFileSystem } from '../vault/fs-port';

/**
 * The modes a file of secrets may have: its owner reads it (600 also lets the owner rewrite it, 400 not).
 * Refused: any bit for the group or others (another user could read the secrets), setuid, setgid and sticky
 * (meaningless on data, and a setuid bit on a file of secrets is an accident waiting to be run), execute (700:
 * the file is data, not a program), and a mode without the owner's read bit (000, 200: the program the file
 * is written for, run as the same user, could not read it, and the secrets would stay on disk unused).
 */
export const PRIVATE_FILE_MODES: readonly number[] = [0o600, 0o400];

export function checkPrivateMode(mode: number): void {
  if (!PRIVATE_FILE_MODES.includes(mode))
    throw new LatchError(
      'ERR_BAD_INPUT',
      `Refusing mode ${mode.toString(8).padStart(3, '0')} for a file of secrets: only its owner may read it. Use 600 (or 400 for read only).`,
      { detail: { field: 'mode' } },
    );
}

/** What is at a path, the link itself when it is one. */
export type PathKind = 'file' | 'symlink' | 'folder' | 'other';

/** The file operations a private write is made of: tests fail any one of them (ENOSPC at the write...). */
export interface PrivateFileSystem extends Pick<VaultFileSystem, 'rename' | 'unlink' | 'link' | 'syncDir'> {
  /** null when nothing is there; never follows a link. */
  kind(path: string): Promise<PathKind | null>;
  /** A new file with exactly `mode` (not narrowed by the umask); fails if anything, a link included, is there. */
  createPrivate(path: string, mode: number): Promise<VaultFileHandle>;
}

export const nodePrivateFileSystem: PrivateFileSystem = {
  rename: nodeFileSystem.rename,
  unlink: nodeFileSystem.unlink,
  link: nodeFileSystem.link,
  syncDir: nodeFileSystem.syncDir,
  async kind(path) {
    const s = await fsp.lstat(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (s === null) return null;
    if (s.isSymbolicLink()) return 'symlink';
    if (s.isFile()) return 'file';
    return s.isDirectory() ? 'folder' : 'other';
  },
  async createPrivate(path, mode) {
    const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
    const fh = await fsp.open(path, flags, mode);
    try {
      // The umask may have narrowed the mode; it can only narrow it. chmod makes it exactly what was asked.
      await fh.chmod(mode);
    } catch (e) {
      await fh.close();
      await fsp.unlink(path).catch(() => undefined);
      throw e;
    }
    return {
      async write(data) {
        let done = 0;
        while (done < data.length) done += (await fh.write(data, done, data.length - done)).bytesWritten;
      },
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  },
};

export interface PrivateFileOptions {
  /** 600 (the default) or 400: checkPrivateMode. */
  mode?: number;
  /** Replace a regular file already at the path (inject --force; a save dialog that asked). */
  overwrite: boolean;
  /** What to do instead when the file exists and may not be replaced (default: another name, or remove it). */
  existsAdvice?: string;
  fs?: PrivateFileSystem;
}

const errno = (e: unknown) => (e as { code?: unknown }).code;

function refuseWhatIsThere(path: string, kind: PathKind | null, o: PrivateFileOptions): void {
  if (kind === 'symlink')
    throw new LatchError(
      'ERR_BAD_INPUT',
      `${path} is a symbolic link; a file of secrets is not written through a link or over it. Write to the file it points to, or choose another name.`,
      { detail: { path, reason: 'symlink' } },
    );
  if (kind === 'folder' || kind === 'other')
    throw new LatchError(
      'ERR_BAD_INPUT',
      `${path} is not a regular file (a folder, a pipe, a device or a socket); choose a file name to write the secrets to.`,
      { detail: { path, reason: 'not-a-file' } },
    );
  if (kind === 'file' && !o.overwrite) throw exists(path, o);
}

function exists(path: string, o: PrivateFileOptions): LatchError {
  return new LatchError(
    'ERR_CONFLICT',
    `${path} already exists; nothing was written. ${o.existsAdvice ?? 'Choose another file name, or remove it first.'}`,
    { detail: { path } },
  );
}

/** File systems without hard links (FAT, some network shares): the new file is renamed in instead. */
const NO_HARDLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);

/**
 * Gives the synced temporary `tmp` the name `path`, looking at what is there first (refuseWhatIsThere). Without
 * `overwrite` a hard link takes the name, which fails if anything took it meanwhile; with it, a rename replaces
 * the file in one step (a link planted meanwhile is replaced, never followed). Then the folder is synced.
 */
export async function placePrivateFile(tmp: string, path: string, o: PrivateFileOptions): Promise<void> {
  const fs = o.fs ?? nodePrivateFileSystem;
  refuseWhatIsThere(path, await fs.kind(path), o);
  let linked = false;
  if (!o.overwrite) {
    try {
      await fs.link(tmp, path);
      linked = true;
    } catch (e) {
      if (errno(e) === 'EEXIST') throw exists(path, o);
      if (!NO_HARDLINKS.has(String(errno(e)))) throw e;
      refuseWhatIsThere(path, await fs.kind(path), o);
    }
  }
  // Linked, the file is in place: a temporary left beside it is a second name of the same file, not a failure.
  if (linked) await fs.unlink(tmp).catch(() => undefined);
  else await fs.rename(tmp, path);
  // The file is in place either way; the folder's sync makes the new name survive a power cut where it can.
  await fs.syncDir(dirname(path)).catch(() => undefined);
}

/** A temporary name beside `path`, hidden, that no other write picks. */
export const privateTempName = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

/**
 * Writes `text` to `path` as a file of secrets (see the top of this file). A failure changes nothing at `path`
 * and leaves no temporary behind; the error names the file and the cause, never the text.
 */
export async function writePrivateFile(path: string, text: string | Uint8Array, o: PrivateFileOptions): Promise<void> {
  const fs = o.fs ?? nodePrivateFileSystem;
  const mode = o.mode ?? 0o600;
  checkPrivateMode(mode);
  // Refused before anything is created: a pipe or a device at the path, or a file that may not be replaced.
  refuseWhatIsThere(path, await fs.kind(path), o);
  const tmp = privateTempName(path);
  let created = false;
  try {
    const fh = await fs.createPrivate(tmp, mode);
    created = true;
    try {
      await fh.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await placePrivateFile(tmp, path, { ...o, fs });
    created = false;
  } catch (e) {
    if (created) await fs.unlink(tmp).catch(() => undefined);
    throw writeFailed(path, e);
  }
}

/**
 * What to do about each file-system error a write of a new file meets; the path is the user's, never a secret.
 * (cliFailure shows a non-LatchError as "internal error … a bug in Latch", which a missing folder is not.)
 */
const ADVICE: Record<string, string> = {
  ENOENT: 'Its folder does not exist or takes no new files (as /proc): create the folder first, or choose another.',
  ENOTDIR: 'A part of its folder path is a file, not a folder: choose another folder.',
  EACCES: 'You may not write in its folder: choose a folder of yours.',
  EPERM: 'You may not write in its folder: choose a folder of yours.',
  EROFS: 'Its folder is on a read-only file system: choose another folder.',
  EISDIR: 'It is a folder: choose a file name.',
  ENOSPC: 'The disk is full: free some space or choose another folder.',
  EDQUOT: 'Your disk quota is used up: free some space or choose another folder.',
};

/** A file-system error as a LatchError naming the file, the cause and what to do; a LatchError as it is. */
export function writeFailed(path: string, e: unknown): unknown {
  if (e instanceof LatchError) return e;
  const code = String(errno(e) ?? 'error');
  const advice = ADVICE[code] ?? 'Check the folder exists and you may write to it, or choose another.';
  return new LatchError(
    'ERR_SAVE_FAILED',
    `${path} could not be written (${code}); nothing was changed there. ${advice}`,
    {
      cause: e,
      detail: { path, errno: code },
    },
  );
}

/**
 * The refusals `writePrivateFile` would make that can be known before the text exists: what is at the path (a
 * link, a pipe, a folder, a file that may not be replaced) and a folder that is missing, not a folder, not
 * writable by this user or read-only. A command calls it before opening the vault, so the user does not type
 * the master password (or wait for every reference to resolve) to learn it. The write checks again.
 */
export async function checkPrivateFileTarget(path: string, o: PrivateFileOptions): Promise<void> {
  const fs = o.fs ?? nodePrivateFileSystem;
  try {
    refuseWhatIsThere(path, await fs.kind(path), o);
    const folder = dirname(resolve(path));
    if (!(await fsp.stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    // W_OK as the kernel answers it for this user: EACCES for a folder not theirs, EROFS on a read-only mount.
    await fsp.access(folder, constants.W_OK);
  } catch (e) {
    throw writeFailed(path, e);
  }
}
