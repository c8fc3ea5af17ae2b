import type { FieldsOf, TokenSet } from '../model/credential';
import { LatchError } from '../model/errors';

/**
 * The guards of ServiceStore.setTokens for a set that took a request to get. A renewal saves its new set only
 * onto the set it renewed from (`renewedFrom`): while its token request was on the wire the credential may have
 * been signed out, signed in again, or had an endpoint edited (oauth-destination.ts drops the tokens then, so
 * that no refresh token goes to the new host), and a set put back over that would undo it. Any set, a sign-in's
 * too, is saved only while the credential's endpoints are the ones it was got from (`obtainedWith`): tokens of
 * one server beside another's token endpoint would go there with the next refresh.
 */

/** What a set that took a request to get is saved against (ServiceStore.setTokens). */
export interface TokenGuard {
  renewedFrom?: TokenSet | undefined;
  obtainedWith?: FieldsOf<'oauth2'> | undefined;
}

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

/** What setTokens throws when the credential's endpoints are no longer the ones the set was got from. */
export function endpointsMoved(name: string): LatchError {
  return new LatchError(
    'ERR_CONFLICT',
    `The endpoints of "${name}" changed while its tokens were being got, so they were not saved (they belong to the server it named before). Sign in again.`,
    { detail: { reason: 'endpoints-moved' } },
  );
}

export function isEndpointsMoved(e: unknown): boolean {
  return e instanceof LatchError && e.detail?.reason === 'endpoints-moved';
}
