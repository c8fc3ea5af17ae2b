import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { LatchError } from '../model/errors';
import type { VaultFileStat, VaultFileSystem } from './fs-port';

/**
 * `<vault>.lock`, created exclusively for the few milliseconds a save takes, so two Latch
 * writers (app and command line) never interleave check-and-rename. A lock whose process is
 * gone (same host), that names no process (left empty by a writer killed while creating it) or
 * that is older than staleMs is broken: a killed save must not wedge the vault.
 */
export interface LockOptions {
  staleMs?: number;
  waitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  at: number;
  token: string;
}

/** How long a lock file that names no owner may be in the middle of being written. */
const UNNAMED_GRACE_MS = 1_000;

/** Locks this process holds right now: a lock file naming our pid but none of these is left over from a failed release. */
const held = new Set<string>();

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'ESRCH';
  }
}

async function readLock(fs: VaultFileSystem, path: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(Buffer.from(await fs.readFile(path)).toString('utf8')) as Partial<LockInfo>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.at === 'number' &&
      typeof parsed.token === 'string'
    ) {
      return parsed as LockInfo;
    }
    return null;
  } catch {
    return null;
  }
}

function sameFile(a: VaultFileStat | null, b: VaultFileStat): boolean {
  return a !== null && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

export async function acquireWriteLock(
  fs: VaultFileSystem,
  vaultPath: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const lockPath = `${vaultPath}.lock`;
  return acquireLockFile(
    fs,
    lockPath,
    (holder) =>
      new LatchError(
        'ERR_VAULT_BUSY',
        `Another Latch process${holder ? ` (pid ${holder.pid})` : ''} is saving this vault. Try again in a moment.`,
        { detail: { lockPath } },
      ),
    options,
  );
}

/**
 * An exclusive lock file at lockPath with the rules above (the vault's save lock, and the
 * per-credential renewal lock of renewal-lock.ts). `busy` is the error a waiter gets at waitMs.
 */
export async function acquireLockFile(
  fs: VaultFileSystem,
  lockPath: string,
  busy: (holder: { pid: number } | null) => LatchError,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = now() + (options.waitMs ?? 3_000);
  const me: LockInfo = { pid: process.pid, host: hostname(), at: now(), token: randomBytes(8).toString('hex') };
  for (;;) {
    try {
      const fh = await fs.createExclusive(lockPath, 0o600);
      try {
        try {
          await fh.write(new TextEncoder().encode(JSON.stringify(me)));
        } finally {
          await fh.close();
        }
      } catch (e) {
        await fs.unlink(lockPath).catch(() => undefined);
        throw e;
      }
      held.add(me.token);
      return async () => {
        held.delete(me.token);
        // One retry: a lock file left behind makes the next save wait for the stale timeout.
        await fs.unlink(lockPath).catch(() => fs.unlink(lockPath).catch(() => undefined));
      };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    const holder = await readLock(fs, lockPath);
    const seen = await fs.stat(lockPath);
    // Released between our create and this look: try again at once (breaking "it" would break the next owner's lock).
    if (seen === null) continue;
    const stale =
      holder === null
        ? // No owner named (empty, or no pid): a writer killed between create and write, since a live
          // one writes its few bytes within milliseconds. Broken once past that short grace, not staleMs.
          seen.mtimeMs < now() - Math.min(staleMs, UNNAMED_GRACE_MS)
        : now() - holder.at > staleMs ||
          (holder.host === me.host && (holder.pid === me.pid ? !held.has(holder.token) : processGone(holder.pid)));
    if (stale) {
      // Only the lock judged stale is removed: if it changed hands meanwhile, the new owner keeps it.
      const still = await fs.stat(lockPath);
      const same = holder === null ? sameFile(still, seen) : (await readLock(fs, lockPath))?.token === holder.token;
      if (same) await fs.unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (now() >= deadline) throw busy(holder);
    await sleep(50);
  }
}
