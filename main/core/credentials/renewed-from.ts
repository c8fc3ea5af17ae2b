import type { TokenSet } from '../model/credential';
import { LatchError } from '../model/errors';

/**
 * A renewal saves its new set only onto the set it renewed from (ServiceStore.setTokens' `renewedFrom`): while
 * its token request was on the wire the credential may have been signed out, signed in again, or had an
 * endpoint edited (oauth-destination.ts drops the tokens then, so that no refresh token goes to the new host),
 * and a set put back over that would undo it.
 */

/** The same issue of tokens: a server never hands out the same access token (or refresh token) twice. */
export function sameTokenSet(a: TokenSet, b: TokenSet): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}

/** What setTokens throws when the credential no longer holds the set the renewal started from. */
export function tokensReplaced(name: string): LatchError {
  return new LatchError(
    'ERR_CONFLICT',
    `The tokens of "${name}" changed while they were being renewed (signed out, signed in again, or an endpoint edited); the renewed set was not saved.`,
    { detail: { reason: 'tokens-replaced' } },
  );
}

export function isTokensReplaced(e: unknown): boolean {
  return e instanceof LatchError && e.detail?.reason === 'tokens-replaced';
}
