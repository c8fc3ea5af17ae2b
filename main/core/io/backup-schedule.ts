/** `vault-YYYYMMDD-HHMMSS.latch`, UTC: names sort in time order and mean the same on every machine. */
export const BACKUP_NAME = /^vault-(\d{8})-(\d{6})\.latch$/;

/** When a backup was made, from its name (UTC); null for a name that is not a real date. */
export function backupTime(name: string): number | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  const ms = Date.UTC(
    +d.slice(0, 4),
    +d.slice(4, 6) - 1,
    +d.slice(6, 8),
    +t.slice(0, 2),
    +t.slice(2, 4),
    +t.slice(4, 6),
  );
  // Date.UTC rolls 20261340 over into another day: a name that does not round-trip is not one we wrote.
  return backupFileName(ms) === name ? ms : null;
}

export function backupFileName(nowMs: number): string {
  const iso = new Date(nowMs).toISOString(); // 2026-01-02T03:04:05.678Z
  return `vault-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}.latch`;
}

export interface BackupPlan {
  /** The file to create, or null when today (UTC) already has one. */
  create: string | null;
  /** Older backups beyond `keep`, oldest first. */
  remove: string[];
}

/**
 * At most one backup per UTC day; after it, the newest `keep` stay and older ones go.
 * Only names of our own pattern count: nothing else in the folder is ever touched.
 */
export function planAutomaticBackup(existing: readonly string[], nowMs: number, keep: number): BackupPlan {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number, at least 1');
  const ours = existing.filter((n) => BACKUP_NAME.test(n)).sort();
  const name = backupFileName(nowMs);
  const today = name.slice('vault-'.length, 'vault-'.length + 8);
  const create = ours.some((n) => BACKUP_NAME.exec(n)?.[1] === today) ? null : name;
  const after = create === null ? ours : [...ours, create].sort();
  const remove = after.slice(0, Math.max(0, after.length - keep)).filter((n) => n !== create);
  return { create, remove };
}
