import { windowEndsAt } from './window';

export interface TickEntry {
  id: string;
  /** Seconds per code (Steam: 30). HOTP codes do not tick and are not entries. */
  period: number;
}

export interface TickPlan {
  /** The next instant (ms) at which at least one code changes. */
  atMs: number;
  /** Every entry whose code changes at that instant: they go out together in one batch. */
  ids: string[];
}

/**
 * The next period boundary across all live codes. Boundaries are multiples of each period since
 * the Unix epoch, so every 30 s code (and every 60 s code at whole minutes) rolls at the same
 * instant and one message carries them all.
 */
export function planNextTick(entries: readonly TickEntry[], nowMs: number): TickPlan | null {
  let atMs = Number.POSITIVE_INFINITY;
  const endsByPeriod = new Map<number, number>();
  for (const { period } of entries) {
    if (endsByPeriod.has(period)) continue;
    const end = windowEndsAt(nowMs, period);
    endsByPeriod.set(period, end);
    if (end < atMs) atMs = end;
  }
  if (!Number.isFinite(atMs)) return null;
  const ids = entries.filter((e) => endsByPeriod.get(e.period) === atMs).map((e) => e.id);
  return { atMs, ids };
}
