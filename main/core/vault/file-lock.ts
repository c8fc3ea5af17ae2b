import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LatchError } from '../model/errors';
import type { PathKind, VaultFileStat, VaultFileSystem } from './fs-port';

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

/**
 * The most a lock file Latch writes can hold: its JSON is about 100 bytes and a host name at most 255. Only this
 * much of a lock is ever read, at every 50 ms poll; a larger file at the lock path is not a lock Latch made.
 */
export const MAX_LOCK_BYTES = 1024;

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

/** The owner a lock file names; null when it names none, cannot be read, is not a regular file or is too large. */
async function readLock(fs: VaultFileSystem, path: string): Promise<LockInfo | null> {
  try {
    const bytes = await fs.readHead(path, MAX_LOCK_BYTES + 1);
    if (bytes.length > MAX_LOCK_BYTES) return null;
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<LockInfo>;
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
 *
 * Nothing here ever unlinks the lock path itself: POSIX has no "delete if it is still this file",
 * so both the release and the breaking of a stale lock first rename the lock aside to a name only
 * this call uses, and then look at what they moved. Only the lock they meant is deleted; anything
 * else (the lock changed hands in between) is linked back. The one window left is between that
 * rename and the link back, microseconds, and only when a stale judgement raced a takeover.
 * A process killed between the rename and the delete leaves the aside file behind: the next owner of
 * the lock removes it once it is past staleMs (removeLeftovers).
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
      // Held from before the token is readable: another waiter in this process that reads it before
      // our close returns must not take it for a lock this process left behind and break it.
      held.add(me.token);
      try {
        try {
          await fh.write(new TextEncoder().encode(JSON.stringify(me)));
        } finally {
          await fh.close();
        }
      } catch (e) {
        held.delete(me.token);
        // Nobody else can have it yet: nothing to compare, and nobody knows our token.
        await fs.unlink(lockPath).catch(() => undefined);
        throw e;
      }
      await removeLeftovers(fs, lockPath, now() - staleMs);
      return async () => {
        held.delete(me.token);
        // Whether the last look could not tell whose lock it moved (a failed rename or read).
        let unsure = true;
        const ours = (moved: string) =>
          readLock(fs, moved).then((l) => {
            unsure = l === null;
            return l?.token === me.token;
          });
        // One retry, for a look that could not tell: a lock file left behind makes the next save wait until
        // it is judged stale. None for a lock that plainly names another owner (ours was broken as stale and
        // taken): each move of theirs leaves the path free for a moment, and that is the moment a third
        // process can take it and the put-back then drops theirs.
        for (let round = 0; round < 2; round++) {
          unsure = true;
          if (await removeIfStill(fs, lockPath, ours).catch(() => false)) break;
          if (!unsure) break;
        }
      };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    // lstat: a symbolic link at the lock path is what is there, not what it points to.
    const seen = await fs.lstat(lockPath);
    if (seen !== null && seen.kind !== 'file') throw notALockFile(lockPath, seen.kind);
    if (seen !== null && seen.size > MAX_LOCK_BYTES) throw lockTooLarge(lockPath, seen.size);
    const holder = seen === null ? null : await readLock(fs, lockPath);
    const stale =
      seen !== null &&
      (holder === null
        ? // No owner named (empty, or no pid): a writer killed between create and write, since a live
          // one writes its few bytes within milliseconds. Broken once past that short grace, not staleMs.
          seen.mtimeMs < now() - Math.min(staleMs, UNNAMED_GRACE_MS)
        : now() - holder.at > staleMs ||
          (holder.host === me.host && (holder.pid === me.pid ? !held.has(holder.token) : processGone(holder.pid))));
    // Broken (or gone meanwhile): create again at once. Only the lock judged stale is removed: if it
    // changed hands meanwhile, the new owner keeps it.
    if (
      stale &&
      (await removeIfStill(fs, lockPath, async (moved) =>
        holder === null ? sameFile(await fs.lstat(moved), seen) : (await readLock(fs, moved))?.token === holder.token,
      ))
    ) {
      continue;
    }
    if (now() >= deadline) throw busy(holder);
    // Released between our create and our look: try again at once, within the deadline.
    if (seen !== null) await sleep(50);
  }
}

/**
 * Moves the lock aside and deletes it when `isIt` says the moved file is the one meant; else puts
 * it back. True when the lock path is free of that lock (removed, or already gone).
 */
async function removeIfStill(
  fs: VaultFileSystem,
  lockPath: string,
  isIt: (moved: string) => Promise<boolean>,
): Promise<boolean> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.gone`;
  try {
    await fs.rename(lockPath, aside);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return true;
    throw e;
  }
  if (await isIt(aside).catch(() => false)) {
    // One retry: a leftover aside file is only litter, but litter beside the vault.
    await fs.unlink(aside).catch(() => fs.unlink(aside).catch(() => undefined));
    return true;
  }
  // Someone else's lock: back under its name, never over a lock taken in the meantime (link fails then).
  await fs
    .link(aside, lockPath)
    .catch(async (e: { code?: string }) => {
      if (e.code !== 'EEXIST' && (await fs.lstat(lockPath)) === null) await fs.rename(aside, lockPath);
    })
    .catch(() => undefined);
  await fs.unlink(aside).catch(() => undefined);
  return false;
}

/** What removeIfStill adds to the lock path's name for its aside file. */
const ASIDE = /^\.[0-9a-f]{12}\.gone$/;

/**
 * Deletes the aside files of this lock path (`<lock>.<12 hex>.gone`) that a process killed between
 * removeIfStill's rename and its delete left, when both their mtime and ctime are before `before`.
 * One in use is never that old: it is renamed aside (which sets its ctime on the file systems Latch
 * runs on) microseconds before it is deleted or linked back, and, where a rename keeps the ctime,
 * a lock whose last write is past staleMs is stale anyway, while the only one ever linked back was
 * taken since the stale judgement. Best effort: litter beside the vault is no reason to fail a save.
 */
async function removeLeftovers(fs: VaultFileSystem, lockPath: string, before: number): Promise<void> {
  const dir = dirname(lockPath);
  const base = basename(lockPath);
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(base) || !ASIDE.test(name.slice(base.length))) continue;
    const path = join(dir, name);
    const seen = await fs.lstat(path).catch(() => null);
    if (seen?.kind === 'file' && Math.max(seen.mtimeMs, seen.ctimeMs) < before)
      await fs.unlink(path).catch(() => undefined);
  }
}

function notALockFile(lockPath: string, kind: PathKind): LatchError {
  const what = kind === 'symlink' ? 'a symbolic link' : kind === 'folder' ? 'a folder' : 'not a regular file';
  return new LatchError(
    'ERR_BAD_INPUT',
    `${lockPath} is ${what}, not a lock file Latch made, so no Latch process can take this lock and every save or token renewal of this vault would wait on it. Remove ${lockPath} (it holds nothing of the vault), then try again.`,
    { detail: { path: lockPath, reason: 'lock-not-a-file' } },
  );
}

function lockTooLarge(lockPath: string, size: number): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    `${lockPath} is ${size} bytes, and a lock file Latch makes is at most ${MAX_LOCK_BYTES}: it is not one (something else put it there, or it is damaged), so no Latch process can take this lock. Look at what it holds, move or remove it, then try again.`,
    { detail: { path: lockPath, size, reason: 'lock-too-large' } },
  );
}
