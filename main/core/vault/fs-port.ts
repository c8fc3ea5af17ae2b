import { constants, promises as fsp } from 'node:fs';
import { LatchError } from '../model/errors';

/**
 * The file operations a vault save is made of, as a port: tests inject a file system that
 * fails (ENOSPC, EACCES, EXDEV...) or stalls at any single call and check nothing is lost.
 */
export interface VaultFileHandle {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface VaultFileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export type PathKind = 'file' | 'symlink' | 'folder' | 'other';

export interface VaultFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** null when the path does not exist. */
  stat(path: string): Promise<VaultFileStat | null>;
  /** stat of the path itself, a symbolic link not followed; `kind` says what is there. null when nothing is. */
  lstat(path: string): Promise<(VaultFileStat & { kind: PathKind }) | null>;
  /** Creates a new file (fails if it exists) with the given permission bits. */
  createExclusive(path: string, mode: number): Promise<VaultFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Hard link; callers fall back to copying where the file system has none. */
  link(existing: string, newPath: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, mode: number): Promise<void>;
  /** fsync of a directory so a rename in it survives power loss (a no-op where unsupported). */
  syncDir(dir: string): Promise<void>;
  /** The path with every symbolic link resolved; ENOENT when it does not exist. Absent: links are not followed. */
  realpath?(path: string): Promise<string>;
  /** The last `length` bytes of a regular file (all of it when shorter) in one positioned read. Absent: readFile. */
  readTail?(path: string, length: number): Promise<Uint8Array>;
  /**
   * At most the first `length` bytes of a regular file, the path itself: a symbolic link is not followed (ELOOP)
   * and a FIFO or device is refused before a byte is read, without waiting for a writer. For small files
   * something else may have put there (a lock), which are read often and must cost only what they can hold.
   */
  readHead(path: string, length: number): Promise<Uint8Array>;
}

/**
 * No vault, backup or lock file is ever this big (a vault of 10,000 credentials is a few MB):
 * a larger file is refused before a byte of it is read, so a wrong path cannot fill the memory.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

function notARegularFile(path: string): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    `${path} is not a regular file (a device, a pipe, a socket or a folder), so it cannot be a Latch vault. Choose a vault file.`,
    { detail: { path, reason: 'not-a-file' } },
  );
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export const nodeFileSystem: VaultFileSystem = {
  async readFile(path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer that never comes; fstat then refuses it
    // (and a device such as /dev/zero, which would never end), before anything is read.
    const fh = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const s = await fh.stat();
      if (!s.isFile()) throw notARegularFile(path);
      if (s.size > MAX_FILE_BYTES) {
        throw new LatchError(
          'ERR_VAULT_CORRUPT',
          `${path} is ${Math.round(s.size / 1024 / 1024)} MB, far larger than any Latch vault: it is not one, or it is damaged.`,
          { detail: { path, part: 'file' } },
        );
      }
      // Exactly the size fstat gave: a file that grows meanwhile is not read past it.
      const bytes = Buffer.allocUnsafe(s.size);
      let done = 0;
      while (done < s.size) {
        const { bytesRead } = await fh.read(bytes, done, s.size - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === s.size ? bytes : bytes.subarray(0, done);
    } finally {
      await fh.close();
    }
  },
  realpath: (path) => fsp.realpath(path),
  async readTail(path, length) {
    const fh = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const s = await fh.stat();
      if (!s.isFile()) throw notARegularFile(path);
      const n = Math.min(length, s.size);
      const bytes = Buffer.alloc(n);
      const { bytesRead } = await fh.read(bytes, 0, n, s.size - n);
      return bytes.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  },
  async readHead(path, length) {
    // O_NOFOLLOW: a link planted at the path is not read through (Windows has no such flag, nor such links there).
    const fh = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
    try {
      if (!(await fh.stat()).isFile()) throw notARegularFile(path);
      const bytes = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await fh.read(bytes, done, length - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.subarray(0, done);
    } finally {
      await fh.close();
    }
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
    } catch (e) {
      if (errno(e) === 'ENOENT') return null;
      throw e;
    }
  },
  async lstat(path) {
    try {
      const s = await fsp.lstat(path);
      const kind = s.isFile() ? 'file' : s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'folder' : 'other';
      return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, kind };
    } catch (e) {
      if (errno(e) === 'ENOENT') return null;
      throw e;
    }
  },
  async createExclusive(path, mode) {
    const fh = await fsp.open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
    return {
      async write(data) {
        let done = 0;
        while (done < data.length) {
          const { bytesWritten } = await fh.write(data, done, data.length - done);
          done += bytesWritten;
        }
      },
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  link: (existing, newPath) => fsp.link(existing, newPath),
  readdir: (dir) => fsp.readdir(dir),
  async mkdir(dir, mode) {
    await fsp.mkdir(dir, { recursive: true, mode });
  },
  async syncDir(dir) {
    let fh: fsp.FileHandle | undefined;
    try {
      fh = await fsp.open(dir, 'r');
      await fh.sync();
    } catch (e) {
      // Windows and some network file systems cannot open or fsync a directory; rename is as durable as it gets there.
      const code = errno(e);
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EACCES')
        throw e;
    } finally {
      await fh?.close();
    }
  },
};
