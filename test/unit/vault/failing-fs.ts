import { nodeFileSystem, type VaultFileHandle, type VaultFileSystem } from '../../../main/core/vault';

/**
 * KeePassXC's FailDevice idea for the whole save: wraps the real file system and makes
 * call number `failAt` (0-based, counted across every operation including handle writes,
 * fsyncs and closes) throw an errno error. `calls` lists what was called, for the report.
 */
export class FailingFs implements VaultFileSystem {
  calls: string[] = [];
  failAt = -1;
  errno = 'ENOSPC';
  counting = false;

  private hit(name: string): void {
    if (!this.counting) return;
    const n = this.calls.length;
    this.calls.push(name);
    if (n === this.failAt) {
      const e = new Error(`injected ${this.errno} at ${name}`) as Error & { code: string };
      e.code = this.errno;
      throw e;
    }
  }

  async readFile(path: string) {
    this.hit(`readFile ${tail(path)}`);
    return nodeFileSystem.readFile(path);
  }
  async readTail(path: string, length: number) {
    this.hit(`readTail ${tail(path)}`);
    return nodeFileSystem.readTail!(path, length);
  }
  async readHead(path: string, length: number) {
    this.hit(`readHead ${tail(path)}`);
    return nodeFileSystem.readHead(path, length);
  }
  async stat(path: string) {
    this.hit(`stat ${tail(path)}`);
    return nodeFileSystem.stat(path);
  }
  async lstat(path: string) {
    this.hit(`lstat ${tail(path)}`);
    return nodeFileSystem.lstat(path);
  }
  async createExclusive(path: string, mode: number): Promise<VaultFileHandle> {
    this.hit(`create ${tail(path)}`);
    const fh = await nodeFileSystem.createExclusive(path, mode);
    return {
      write: async (d) => {
        this.hit(`write ${tail(path)}`);
        await fh.write(d);
      },
      sync: async () => {
        this.hit(`sync ${tail(path)}`);
        await fh.sync();
      },
      close: async () => {
        await fh.close();
        this.hit(`close ${tail(path)}`);
      },
    };
  }
  async rename(from: string, to: string) {
    this.hit(`rename ${tail(from)} ${tail(to)}`);
    return nodeFileSystem.rename(from, to);
  }
  async unlink(path: string) {
    this.hit(`unlink ${tail(path)}`);
    return nodeFileSystem.unlink(path);
  }
  async link(a: string, b: string) {
    this.hit(`link ${tail(a)} ${tail(b)}`);
    return nodeFileSystem.link(a, b);
  }
  async readdir(dir: string) {
    this.hit('readdir');
    return nodeFileSystem.readdir(dir);
  }
  async mkdir(dir: string, mode: number) {
    this.hit('mkdir');
    return nodeFileSystem.mkdir(dir, mode);
  }
  async syncDir(dir: string) {
    this.hit('syncDir');
    return nodeFileSystem.syncDir(dir);
  }
}

function tail(p: string): string {
  const name = p.split('/').pop() ?? p;
  return name.replace(/\.[0-9a-f]{12}\.(tmp|gone)$/, '.<rand>.$1');
}
