import { constants, promises as fsp } from 'node:fs';

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

export interface VaultFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** null when the path does not exist. */
  stat(path: string): Promise<VaultFileStat | null>;
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
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export const nodeFileSystem: VaultFileSystem = {
  async readFile(path) {
    return fsp.readFile(path);
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
