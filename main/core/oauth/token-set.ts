import type * as oauth from 'oauth4webapi';
import type { TokenSet } from '../model/credential';

function tokenType(raw: string): string {
  if (raw === 'bearer') return 'Bearer';
  if (raw === 'dpop') return 'DPoP';
  return raw;
}

/**
 * A token endpoint answer as Latch stores it. What the server leaves out on a refresh (a
 * non-rotated refresh token, the ID token, the scope) is kept from the previous set.
 */
export function toTokenSet(response: oauth.TokenEndpointResponse, now: number, previous?: TokenSet): TokenSet {
  const set: TokenSet = {
    accessToken: response.access_token,
    tokenType: tokenType(response.token_type),
    obtainedAt: now,
  };
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (refreshToken !== undefined) set.refreshToken = refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  if (idToken !== undefined) set.idToken = idToken;
  const scope = response.scope ?? previous?.scope;
  if (scope !== undefined) set.scope = scope;
  if (typeof response.expires_in === 'number') set.expiresAt = now + response.expires_in * 1000;
  return set;
}
