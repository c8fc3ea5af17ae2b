/**
 * The access-token provider the HTTP engine asks for OAuth 2 credentials: the stored
 * token while it is valid; after a 401 (forceRefresh) or once expired, a refresh with
 * the refresh token, saved back to the vault before it is used (a rotated refresh
 * token is dead once used, so the new set must not be lost).
 */
import type { ServiceStore } from '../core/credentials/service-store';
import type { AccessToken, GetAccessToken } from '../core/http';
import { LatchError } from '../core/model/errors';
import { refreshTokens } from '../core/oauth';
import { type Clock, systemClock } from '../core/platform';

// A token this close to expiry is refreshed first: it could expire in flight.
const EXPIRY_MARGIN_MS = 30_000;

export function createGetAccessToken(
  store: () => ServiceStore,
  /** The service holding a credential: the engine names credentials by id alone. */
  serviceOf: (credentialId: string) => string,
  clock: Clock = systemClock,
): GetAccessToken {
  return async (credentialId, { forceRefresh }): Promise<AccessToken> => {
    const serviceId = serviceOf(credentialId);
    const { credential } = await store().credential(serviceId, credentialId);
    if (credential.kind !== 'oauth2')
      throw new LatchError('ERR_BAD_INPUT', 'That credential is not an OAuth 2.0 credential.');
    const tokens = credential.fields.tokens;
    const expired = tokens?.expiresAt !== undefined && tokens.expiresAt - EXPIRY_MARGIN_MS <= clock.now();
    if (tokens && !forceRefresh && !expired) {
      return {
        accessToken: tokens.accessToken,
        ...(tokens.tokenType ? { tokenType: tokens.tokenType } : {}),
        ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
      };
    }
    if (!tokens?.refreshToken) {
      throw new LatchError(
        'ERR_OAUTH_LOGIN_REQUIRED',
        'This OAuth credential has no valid access token and no refresh token. Sign in again.',
      );
    }
    const next = await refreshTokens(credential.fields, { clock });
    await store().setTokens(serviceId, credentialId, next);
    return {
      accessToken: next.accessToken,
      ...(next.tokenType ? { tokenType: next.tokenType } : {}),
      ...(next.expiresAt !== undefined ? { expiresAt: next.expiresAt } : {}),
    };
  };
}
