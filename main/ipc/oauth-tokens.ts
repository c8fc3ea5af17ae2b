/**
 * The access-token provider the HTTP engine asks for OAuth 2 credentials: the stored
 * token while it is valid; after a 401 (forceRefresh) or once expired, a new one (refresh
 * token, or asking again for client credentials), saved to the vault before it is used:
 * a rotated refresh token is dead once used, so the new set must not be lost.
 */
import type { ServiceStore } from '../core/credentials/service-store';
import type { AccessToken, GetAccessToken } from '../core/http';
import type { TokenSet } from '../core/model/credential';
import { LatchError } from '../core/model/errors';
import { clientCredentials, refreshTokens } from '../core/oauth';
import { type Clock, systemClock } from '../core/platform';

// A token this close to expiry is renewed first: it could expire in flight.
const EXPIRY_MARGIN_MS = 30_000;

export interface AccessTokenOptions {
  clock?: Clock;
  /**
   * Renews and saves the tokens. The app passes its OAuthManager, so a refresh made here shows
   * in its log and status like any other; without it (the command line) this module does it.
   */
  renew?: (serviceId: string, credentialId: string) => Promise<unknown>;
}

const toAccess = (t: TokenSet): AccessToken => ({
  accessToken: t.accessToken,
  ...(t.tokenType ? { tokenType: t.tokenType } : {}),
  ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}),
});

export function createGetAccessToken(
  store: () => ServiceStore,
  /** The service holding a credential: the engine names credentials by id alone. */
  serviceOf: (credentialId: string) => string,
  options: AccessTokenOptions = {},
): GetAccessToken {
  const clock = options.clock ?? systemClock;
  const read = async (serviceId: string, credentialId: string) => {
    const { credential } = await store().credential(serviceId, credentialId);
    if (credential.kind !== 'oauth2')
      throw new LatchError('ERR_BAD_INPUT', 'That credential is not an OAuth 2.0 credential.');
    return credential.fields;
  };
  return async (credentialId, { forceRefresh }) => {
    const serviceId = serviceOf(credentialId);
    const fields = await read(serviceId, credentialId);
    const tokens = fields.tokens;
    const expired = tokens?.expiresAt !== undefined && tokens.expiresAt - EXPIRY_MARGIN_MS <= clock.now();
    if (tokens && !forceRefresh && !expired) return toAccess(tokens);
    const renewable = tokens?.refreshToken !== undefined || fields.grant === 'client_credentials';
    if (!renewable) {
      throw new LatchError(
        'ERR_OAUTH_LOGIN_REQUIRED',
        'This OAuth credential has no valid access token and no refresh token. Sign in again.',
      );
    }
    if (options.renew) {
      await options.renew(serviceId, credentialId);
      const next = (await read(serviceId, credentialId)).tokens;
      if (!next) throw new LatchError('ERR_OAUTH_LOGIN_REQUIRED', 'The OAuth credential has no token. Sign in again.');
      return toAccess(next);
    }
    const next =
      fields.grant === 'client_credentials' && !tokens?.refreshToken
        ? await clientCredentials(fields, { clock })
        : await refreshTokens(fields, { clock });
    await store().setTokens(serviceId, credentialId, next);
    return toAccess(next);
  };
}
