// The lock files (the vault's save lock, the OAuth renewal lock) under contention: breaking a stale
// lock or releasing one must never remove the next owner's, and nothing at the lock path may make
// a waiter spin.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import { acquireLockFile, acquireWriteLock, MAX_LOCK_BYTES } from '../../../main/core/vault/file-lock';
import { nodeFileSystem, type VaultFileSystem } from '../../../main/core/vault/fs-port';
import { codeOf, tempVaultPath } from './helpers';

const lockOf = (pid: number, token: string, host = hostname(), at = Date.now()) =>
  JSON.stringify({ pid, host, at, token });
const ownerToken = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { token: string }).token;
const busy = () => new LatchError('ERR_TIMEOUT', 'busy');

describe('acquireWriteLock', () => {
  it('a stale lock that changes hands while being judged is left to its new owner', async () => {
    const path = tempVaultPath();
    const lockPath = `${path}.lock`;
    // A dead writer's lock: stale.
    writeFileSync(lockPath, lockOf(2 ** 22 + 12345, 'dead'));
    let swapped = false;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      async rename(from, to) {
        // Between the judgement and the break, another writer breaks it and takes the lock itself.
        if (from === lockPath && !swapped) {
          swapped = true;
          writeFileSync(lockPath, lockOf(process.ppid, 'live', 'another-host'));
        }
        return nodeFileSystem.rename(from, to);
      },
    };
    expect(await codeOf(acquireWriteLock(fs, path, { waitMs: 100 }))).toBe('ERR_VAULT_BUSY');
    expect(ownerToken(lockPath)).toBe('live');
    expect(readdirSync(dirname(path)).filter((n) => n.endsWith('.gone'))).toEqual([]);
  });

  it('a lock released while being looked at is not "broken" (the next owner keeps the one it took)', async () => {
    const path = tempVaultPath();
    const lockPath = `${path}.lock`;
    // A writer between creating its lock and writing it: unreadable, and fresh.
    writeFileSync(lockPath, '');
    let looked = false;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      async lstat(p) {
        if (p !== lockPath || looked) return nodeFileSystem.lstat(p);
        looked = true;
        // It saves and releases; the look sees nothing; a third writer takes the lock right after.
        rmSync(lockPath);
        const s = await nodeFileSystem.lstat(p);
        writeFileSync(lockPath, lockOf(process.ppid, 'third', 'another-host'));
        return s;
      },
    };
    expect(await codeOf(acquireWriteLock(fs, path, { waitMs: 100 }))).toBe('ERR_VAULT_BUSY');
    expect(ownerToken(lockPath)).toBe('third');
  });
});

describe('acquireLockFile', () => {
  const renewalLockPath = () => `${tempVaultPath()}.renew-0123456789abcdef.lock`;

  it("a holder whose lock was broken as stale does not delete the next owner's lock when it releases", async () => {
    const lockPath = renewalLockPath();
    let t = 1_000_000;
    const now = () => t;
    const releaseA = await acquireLockFile(nodeFileSystem, lockPath, busy, { now, staleMs: 60_000 });
    t += 61_000; // A is slow (a token endpoint that takes its time, a process stopped with Ctrl-Z)
    const releaseB = await acquireLockFile(nodeFileSystem, lockPath, busy, { now, staleMs: 60_000, waitMs: 0 });
    const bToken = ownerToken(lockPath);
    await releaseA(); // A finishes and releases "its" lock
    // B still holds the lock: a third renewer must wait, not renew beside B.
    expect(await codeOf(acquireLockFile(nodeFileSystem, lockPath, busy, { now, staleMs: 60_000, waitMs: 0 }))).toBe(
      'ERR_TIMEOUT',
    );
    expect(ownerToken(lockPath)).toBe(bToken);
    await releaseB();
    expect(readdirSync(dirname(lockPath))).toEqual([]);
  });

  it("a holder whose lock changed hands moves the new owner's lock aside once on release, not once per retry", async () => {
    const lockPath = renewalLockPath();
    let t = 1_000_000;
    const now = () => t;
    const moved: string[] = [];
    const fsA: VaultFileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (from === lockPath) moved.push(to);
        return nodeFileSystem.rename(from, to);
      },
    };
    const releaseA = await acquireLockFile(fsA, lockPath, busy, { now, staleMs: 60_000 });
    t += 61_000;
    const releaseB = await acquireLockFile(nodeFileSystem, lockPath, busy, { now, staleMs: 60_000, waitMs: 0 });
    const bToken = ownerToken(lockPath);
    await releaseA();
    // While B's lock is moved aside its path is free: a third process could take it, and the put-back (a link,
    // which fails then) would drop B's. A read that plainly names another owner is no reason to look twice.
    expect(moved).toHaveLength(1);
    expect(ownerToken(lockPath)).toBe(bToken);
    await releaseB();
  });

  it('a release whose look at the moved lock fails looks again, and removes its own lock', async () => {
    const lockPath = renewalLockPath();
    let failed = false;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      readHead: async (p, n) => {
        if (p.endsWith('.gone') && !failed) {
          failed = true;
          throw Object.assign(new Error('I/O error'), { code: 'EIO' });
        }
        return nodeFileSystem.readHead(p, n);
      },
    };
    const release = await acquireLockFile(fs, lockPath, busy);
    await release();
    expect(failed).toBe(true);
    expect(readdirSync(dirname(lockPath))).toEqual([]);
  });

  it('two waiters breaking the same stale lock do not both get it', async () => {
    const lockPath = renewalLockPath();
    writeFileSync(lockPath, lockOf(1, 'dead-holder', 'other-host', 0), { mode: 0o600 });
    // A judges the lock stale and is descheduled just before it removes it (its first rename or unlink).
    let openGate!: () => void;
    const gate = new Promise<void>((r) => {
      openGate = r;
    });
    let aAtRemoval!: () => void;
    const aReady = new Promise<void>((r) => {
      aAtRemoval = r;
    });
    let first = true;
    const pause = async () => {
      if (!first) return;
      first = false;
      aAtRemoval();
      await gate;
    };
    const fsA: VaultFileSystem = {
      ...nodeFileSystem,
      unlink: async (p) => {
        await pause();
        return nodeFileSystem.unlink(p);
      },
      rename: async (from, to) => {
        await pause();
        return nodeFileSystem.rename(from, to);
      },
    };
    const opts = { staleMs: 60_000, waitMs: 300 };
    const a = acquireLockFile(fsA, lockPath, busy, opts);
    await aReady;
    // Meanwhile B breaks the same stale lock and takes the lock.
    const releaseB = await acquireLockFile(nodeFileSystem, lockPath, busy, opts);
    const bToken = ownerToken(lockPath);
    openGate();
    const outcome = await a.then(
      async (releaseA) => {
        await releaseA();
        return 'A acquired while B held the lock';
      },
      (e: { code?: string }) => e.code,
    );
    expect(outcome).toBe('ERR_TIMEOUT');
    expect(ownerToken(lockPath)).toBe(bToken);
    await releaseB();
  });

  it('an aside file a release left (killed before its delete) is removed by a later owner once past the stale age', async () => {
    const lockPath = renewalLockPath();
    const gone = () => readdirSync(dirname(lockPath)).filter((n) => n.endsWith('.gone'));
    // A release that renames its lock aside and is killed before the delete: the unlink never happens.
    const killed: VaultFileSystem = {
      ...nodeFileSystem,
      unlink: async (p) => {
        if (p.endsWith('.gone')) throw Object.assign(new Error('killed'), { code: 'EINTR' });
        return nodeFileSystem.unlink(p);
      },
    };
    await (await acquireLockFile(killed, lockPath, busy, { staleMs: 60_000 }))();
    expect(gone()).toHaveLength(1);
    // At once, it may be a live process's aside file (between its rename and its delete or link back): kept.
    await (await acquireLockFile(nodeFileSystem, lockPath, busy, { staleMs: 60_000 }))();
    expect(gone()).toHaveLength(1);
    // Past the stale age, the next owner removes it.
    const later = () => Date.now() + 61_000;
    await (await acquireLockFile(nodeFileSystem, lockPath, busy, { staleMs: 60_000, now: later }))();
    expect(gone()).toEqual([]);
  });

  it('the sweep leaves a lock moved aside just now (old mtime, fresh ctime), other names and other locks', async () => {
    const lockPath = renewalLockPath();
    const dir = dirname(lockPath);
    const old = Date.now() / 1000 - 3_600;
    // A lock held long, renamed aside a moment ago by its release: the rename set its ctime.
    const movedNow = `${lockPath}.aaaaaaaaaaaa.gone`;
    writeFileSync(movedNow, lockOf(process.pid, 'releasing'));
    utimesSync(movedNow, old, old);
    // A name Latch does not make, another lock's leftover, and a folder with an aside name.
    const others = [
      `${lockPath}.notes.gone`,
      `${lockPath}.AAAAAAAAAAAA.gone`,
      `${dir}/vault.latch.lock.0123456789ab.gone`,
    ];
    for (const p of others) {
      writeFileSync(p, '');
      utimesSync(p, old, old);
    }
    mkdirSync(`${lockPath}.bbbbbbbbbbbb.gone`);
    const left = `${lockPath}.0123456789ab.gone`;
    writeFileSync(left, lockOf(2 ** 22 + 12345, 'killed'));
    // Its ctime as a killed process left it, an hour ago (ctime cannot be set from here).
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      lstat: async (p) => {
        const s = await nodeFileSystem.lstat(p);
        return p === left && s ? { ...s, mtimeMs: old * 1000, ctimeMs: old * 1000 } : s;
      },
    };
    await (await acquireLockFile(fs, lockPath, busy, { staleMs: 60_000 }))();
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.gone'))
        .sort(),
    ).toEqual([movedNow, ...others, `${lockPath}.bbbbbbbbbbbb.gone`].map((p) => p.slice(dir.length + 1)).sort());
  });

  /**
   * What acquireLockFile ends in with a waitMs of 200 ms and sleeps that return at once; its create is stopped after
   * 2,000 rounds (ELOOPED), which only a loop that neither sleeps nor checks its deadline reaches.
   */
  const outcomeAt = (lockPath: string) => {
    let creates = 0;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      createExclusive: (p, m) => {
        if (++creates > 2_000) throw Object.assign(new Error('looped 2,000 times without a wait'), { code: 'ELOOPED' });
        return nodeFileSystem.createExclusive(p, m);
      },
    };
    return codeOf(acquireLockFile(fs, lockPath, busy, { waitMs: 200, sleep: async () => undefined }));
  };

  it('a dangling symbolic link at the lock path is refused at once (remove it), not looped on', async () => {
    const lockPath = renewalLockPath();
    // O_EXCL refuses a dangling link (EEXIST) while stat, following it, says there is nothing.
    symlinkSync(join(tmpdir(), 'latch-no-such-lock-target'), lockPath);
    expect(await outcomeAt(lockPath)).toBe('ERR_BAD_INPUT');
  });

  it('a symbolic link to a lock file is refused too (its target is never taken for the lock)', async () => {
    const lockPath = renewalLockPath();
    const target = `${lockPath}-target`;
    writeFileSync(target, lockOf(1, 'elsewhere', 'other-host', 0));
    symlinkSync(target, lockPath);
    expect(await outcomeAt(lockPath)).toBe('ERR_BAD_INPUT');
    expect(ownerToken(target)).toBe('elsewhere');
  });

  it('a folder at the lock path is refused, and left as it is', async () => {
    const lockPath = `${tempVaultPath()}.lock`;
    mkdirSync(lockPath);
    writeFileSync(join(lockPath, 'kept'), 'x');
    utimesSync(lockPath, 1, 1); // names no owner and is older than the 1 s grace for a nameless lock
    expect(await outcomeAt(lockPath)).toBe('ERR_BAD_INPUT');
    expect(readdirSync(lockPath)).toEqual(['kept']);
  });

  it('a lock path that keeps vanishing between the create and the look still ends at the deadline', async () => {
    const lockPath = renewalLockPath();
    let t = 0;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      createExclusive: async () => {
        t += 10;
        throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      },
      lstat: async () => null,
    };
    expect(await codeOf(acquireLockFile(fs, lockPath, busy, { waitMs: 200, now: () => t }))).toBe('ERR_TIMEOUT');
  });

  /** The file system with every byte read from `path` counted (readFile and readHead alike). */
  const counting = (path: string) => {
    const read = { bytes: 0 };
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      readFile: async (p) => {
        const b = await nodeFileSystem.readFile(p);
        if (p === path) read.bytes += b.length;
        return b;
      },
      readHead: async (p, n) => {
        const b = await nodeFileSystem.readHead(p, n);
        if (p === path) read.bytes += b.length;
        return b;
      },
    };
    return { fs, read };
  };

  it('a file at the lock path larger than any lock is refused by its size, unread, and left as it is', async () => {
    const lockPath = renewalLockPath();
    writeFileSync(lockPath, '');
    truncateSync(lockPath, 64 * 1024 * 1024);
    const { fs, read } = counting(lockPath);
    const error = await acquireLockFile(fs, lockPath, busy, { waitMs: 200, sleep: async () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LatchError);
    expect((error as LatchError).code).toBe('ERR_BAD_INPUT');
    expect((error as LatchError).message).toContain(`${lockPath} is 67108864 bytes`);
    expect((error as LatchError).message).toContain('move or remove it');
    expect(read.bytes).toBe(0);
    expect(statSync(lockPath).size).toBe(64 * 1024 * 1024);
  });

  it('a lock that grows past the cap after its size was looked at costs at most the cap and a byte per poll', async () => {
    const lockPath = renewalLockPath();
    writeFileSync(lockPath, lockOf(process.pid + 1, 'grown'));
    const { fs: base, read } = counting(lockPath);
    let polls = 0;
    const fs: VaultFileSystem = {
      ...base,
      // The look sees the small lock; by the read, the file is 8 MiB.
      lstat: async (p) => {
        const seen = await nodeFileSystem.lstat(p);
        if (p === lockPath && seen) {
          polls++;
          truncateSync(lockPath, 8 * 1024 * 1024);
          return { ...seen, size: 100 };
        }
        return seen;
      },
    };
    expect(await codeOf(acquireLockFile(fs, lockPath, busy, { waitMs: 100 }))).toBe('ERR_TIMEOUT');
    expect(polls).toBeGreaterThan(0);
    expect(read.bytes).toBeLessThanOrEqual(polls * (MAX_LOCK_BYTES + 1));
  });

  it('a FIFO at the lock path is refused at once, without waiting for a writer', async () => {
    const lockPath = renewalLockPath();
    execFileSync('mkfifo', [lockPath]);
    expect(await outcomeAt(lockPath)).toBe('ERR_BAD_INPUT');
  });

  it("a lock's read follows no symbolic link and waits on no FIFO", async () => {
    const dir = dirname(renewalLockPath());
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'target');
    writeFileSync(target, lockOf(1, 'elsewhere'));
    symlinkSync(target, join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(await nodeFileSystem.readHead(join(dir, 'link'), 64).catch((e: { code?: string }) => e.code)).toBe('ELOOP');
    expect(await codeOf(nodeFileSystem.readHead(join(dir, 'fifo'), 64))).toBe('ERR_BAD_INPUT');
    expect(Buffer.from(await nodeFileSystem.readHead(target, 5)).toString()).toBe('{"pid');
  });
});
