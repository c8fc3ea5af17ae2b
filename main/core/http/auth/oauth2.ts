import type { FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import type { Clock } from '../../platform';
import type { WireRequest } from '../wire';
import { applyBearerToken } from './bearer';

export interface AccessToken {
  accessToken: string;
  /** "Bearer" unless the token endpoint said otherwise. */
  tokenType?: string;
  /** Unix milliseconds. */
  expiresAt?: number;
}

/**
 * Provided by the OAuth module: a currently valid access token for the credential,
 * refreshed when `forceRefresh` (after a 401) or when it knows the token expired.
 */
export type GetAccessToken = (credentialId: string, options: { forceRefresh: boolean }) => Promise<AccessToken>;

/** Without a provider, the stored token is used as is, while it is not known to be expired. */
export async function resolveAccessToken(
  credentialId: string,
  fields: FieldsOf<'oauth2'>,
  options: { forceRefresh: boolean; getAccessToken?: GetAccessToken; clock: Clock },
): Promise<AccessToken> {
  if (options.getAccessToken) return options.getAccessToken(credentialId, { forceRefresh: options.forceRefresh });
  const t = fields.tokens;
  if (!t || (t.expiresAt !== undefined && t.expiresAt <= options.clock.now())) {
    throw new LatchError('ERR_OAUTH_LOGIN_REQUIRED', 'This OAuth credential has no valid access token. Sign in again.');
  }
  return { accessToken: t.accessToken, tokenType: t.tokenType, ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}) };
}

export function applyOAuth2(req: WireRequest, token: AccessToken): WireRequest {
  // Servers expect the scheme spelled "Bearer" even when the token endpoint said "bearer".
  const type = token.tokenType && token.tokenType.toLowerCase() !== 'bearer' ? token.tokenType : 'Bearer';
  return applyBearerToken(req, token.accessToken, type);
}
