import type { RateLimit } from '../model/rate-limit';

/**
 * When the next send may go, given earlier sends and reservations in ascending order: a sliding
 * log, so no window of `perSeconds` ever holds more than `requests` sends. Sends are granted in
 * order (never before the last one), which makes checking the window that ends at the new send enough.
 */
export function nextSlot(times: readonly number[], limit: RateLimit, now: number): number {
  let at = now;
  const last = times[times.length - 1];
  if (last !== undefined && last > at) at = last;
  const nth = times[times.length - limit.requests];
  if (nth !== undefined && nth + limit.perSeconds * 1000 > at) at = nth + limit.perSeconds * 1000;
  return at;
}

/** Drops sends that can no longer constrain anything (older than the window). */
export function pruneTimes(times: number[], limit: RateLimit, now: number): void {
  const horizon = now - limit.perSeconds * 1000;
  let drop = 0;
  while (drop < times.length && (times[drop] ?? 0) <= horizon) drop++;
  if (drop > 0) times.splice(0, drop);
}
