import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { readPreamble, verifyChecksum } from '../vault/container';
import { BACKUP_NAME, backupTime, planAutomaticBackup } from './backup-schedule';

export const DEFAULT_BACKUP_KEEP = 5;

export interface AutomaticBackupOptions {
  vaultPath: string;
  /** Default: `backups/` beside the vault file. */
  backupDir?: string;
  /** How many daily backups to keep (default 5). */
  keep?: number;
  now: Clock;
}

export interface AutomaticBackupResult {
  /** Full path of the backup written, or null (one exists for today, or there is no vault yet). */
  created: string | null;
  removed: string[];
}

/**
 * Copies the vault file as it is on disk (already encrypted, same password) to
 * `backups/vault-YYYYMMDD-HHMMSS.latch`, at most once a UTC day, and keeps the newest `keep`.
 * The copy goes through a temporary file and is checked (magic and checksum) before it is
 * renamed into place; a damaged vault is never copied and old backups are then left alone.
 */
export async function runAutomaticBackup(o: AutomaticBackupOptions): Promise<AutomaticBackupResult> {
  const dir = o.backupDir ?? backupFolder(o.vaultPath);
  const keep = o.keep ?? DEFAULT_BACKUP_KEEP;
  try {
    await fsp.access(o.vaultPath);
  } catch {
    return { created: null, removed: [] };
  }
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const plan = planAutomaticBackup(await fsp.readdir(dir), o.now.now(), keep);
  let created: string | null = null;
  if (plan.create !== null) {
    const target = join(dir, plan.create);
    const tmp = join(dir, `.${plan.create}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // A save replaces the vault by rename, so one read sees one whole version of the file.
      await fsp.copyFile(o.vaultPath, tmp, constants.COPYFILE_EXCL);
      await fsp.chmod(tmp, 0o600);
      const bytes = await fsp.readFile(tmp);
      readPreamble(bytes);
      verifyChecksum(bytes);
      await fsp.rename(tmp, target);
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      if (e instanceof LatchError) {
        throw new LatchError(e.code, `The automatic backup was skipped: ${e.message} Older backups were kept.`, {
          cause: e,
          ...(e.detail ? { detail: e.detail } : {}),
        });
      }
      throw e;
    }
    created = target;
  }
  const removed: string[] = [];
  for (const name of plan.remove) {
    await fsp.rm(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return { created, removed };
}

export const backupFolder = (vaultPath: string) => join(dirname(vaultPath), 'backups');

/** A backup as the settings page lists it. */
export interface BackupListing {
  name: string;
  /** When it was made (UTC), read from its name, which the backup job wrote. */
  createdAt: number;
  bytes: number;
}

/** Enough for any `backupsToKeep` (at most 100); a folder stuffed with look-alike names costs no more. */
const MAX_LISTED = 100;

/**
 * The automatic backups, newest first. Only regular files of our own name pattern count: a
 * symlink or a FIFO named like a backup is not listed (and never opened: lstat reads the entry).
 */
export async function listAutomaticBackups(vaultPath: string, backupDir?: string): Promise<BackupListing[]> {
  const dir = backupDir ?? backupFolder(vaultPath);
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => BACKUP_NAME.test(n));
  const newest = names.sort().reverse().slice(0, MAX_LISTED);
  const out: BackupListing[] = [];
  for (const name of newest) {
    const stat = await fsp.lstat(join(dir, name)).catch(() => null);
    const createdAt = backupTime(name);
    if (stat?.isFile() && createdAt !== null) out.push({ name, createdAt, bytes: stat.size });
  }
  return out;
}

/** The automatic backups of a vault (full paths): copies under the key the vault had when each was made. */
export async function automaticBackupFiles(vaultPath: string, backupDir?: string): Promise<string[]> {
  const dir = backupDir ?? backupFolder(vaultPath);
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => BACKUP_NAME.test(n)).map((n) => join(dir, n));
}
