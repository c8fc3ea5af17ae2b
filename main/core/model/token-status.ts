/**
 * A credential's access token status: the one function every screen uses (the OAuth page, the
 * service card, the services list, the quick-access palette, the health view), so a token reads
 * the same everywhere. Pure and isomorphic: main lists the facts (no token value, only times and
 * whether it can be renewed), and each screen applies this to its own clock as time moves on.
 */

/** What a list may know about a credential's access token: no value, only times and means. */
export interface TokenFacts {
  /** False for an OAuth client that is signed out. */
  present: boolean;
  /** Unix ms; null when the server gave no expiry. */
  expiresAt: number | null;
  /** Latch can get a new one without the user: a refresh token, or client credentials asked again. */
  renewable: boolean;
}

export const TOKEN_STATES = ['none', 'valid', 'expiring', 'refreshable', 'expired', 'no-expiry'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

/** "Expiring" means within five minutes: the refresh rule's last moment (core/oauth/refresh-rule.ts). */
export const TOKEN_EXPIRING_MS = 5 * 60_000;

export const TOKEN_STATE_TEXT: Record<TokenState, string> = {
  none: 'Signed out',
  valid: 'Valid',
  expiring: 'Expiring',
  refreshable: 'Expired, renews on use',
  expired: 'Expired',
  'no-expiry': 'No expiry',
};

export interface TokenStatus {
  state: TokenState;
  /** What every screen shows for it. */
  text: string;
}

/** null facts (a credential without a token of its own) read as "none". */
export function tokenStatus(facts: TokenFacts | null, now: number): TokenStatus {
  const state = stateOf(facts, now);
  return { state, text: TOKEN_STATE_TEXT[state] };
}

function stateOf(facts: TokenFacts | null, now: number): TokenState {
  if (facts === null || !facts.present) return 'none';
  if (facts.expiresAt === null) return 'no-expiry';
  if (now >= facts.expiresAt) return facts.renewable ? 'refreshable' : 'expired';
  if (facts.expiresAt - now <= TOKEN_EXPIRING_MS) return 'expiring';
  return 'valid';
}
