/**
 * When an access token is renewed: the one rule shared by the refresh scheduler and every
 * on-demand read of a token (reveal, copy, the request tester, `latch get`/`token`/`exec`).
 *
 * Refresh at the later of 80% of the token's lifetime or 5 minutes before it expires, and
 * never sooner than 10 s after it was issued. A fixed margin alone breaks short-lived tokens:
 * with 5 minutes, a 60 s token would be "due" the moment it arrives, and the server answers a
 * refresh made one second after sign-in with 400.
 */
import type { TokenSet } from '../model/credential';

export interface RefreshRule {
  /** Share of the lifetime (expiresAt - obtainedAt) after which the token is due. */
  lifetimeFraction: number;
  /** A long-lived token is due this long before it expires. */
  beforeExpiryMs: number;
  /** A token is never due sooner than this after it was issued. */
  minAgeMs: number;
}

export const REFRESH_RULE: RefreshRule = { lifetimeFraction: 0.8, beforeExpiryMs: 5 * 60_000, minAgeMs: 10_000 };

type Times = Pick<TokenSet, 'expiresAt' | 'obtainedAt'>;

/** When the token becomes due for renewal; undefined for a token that does not expire. */
export function refreshDueAt(tokens: Times, rule: RefreshRule = REFRESH_RULE): number | undefined {
  const { expiresAt, obtainedAt } = tokens;
  if (expiresAt === undefined) return undefined;
  const lifetime = Math.max(0, expiresAt - obtainedAt);
  const due = Math.max(obtainedAt + lifetime * rule.lifetimeFraction, expiresAt - rule.beforeExpiryMs);
  return Math.max(due, obtainedAt + rule.minAgeMs);
}

/** Whether a token read now should be renewed first: it is due, or already expired. */
export function needsRefresh(tokens: Times, now: number, rule: RefreshRule = REFRESH_RULE): boolean {
  const due = refreshDueAt(tokens, rule);
  if (due === undefined || tokens.expiresAt === undefined) return false;
  return now >= due || now >= tokens.expiresAt;
}
