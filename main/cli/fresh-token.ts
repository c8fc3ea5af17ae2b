import type { Located, ServiceStore } from '../core/credentials/service-store';
import type { TokenSet } from '../core/model/credential';
import { LatchError } from '../core/model/errors';
import { clientCredentials, refreshTokens } from '../core/oauth';
import { systemClock } from '../core/platform';
import { oauth2Of } from './oauth-credential';

// A token this close to expiry is renewed first: it could expire in the script (or git fetch) that uses it.
const MARGIN_MS = 30_000;

/**
 * A valid access token of the OAuth 2.0 credential `located` names: the stored one while it has more
 * than 30 s left, else a new one (client credentials asked again, or the refresh token used), saved
 * before it is returned so a rotated refresh token is never lost.
 */
export async function freshTokens(
  store: ServiceStore,
  located: Located,
): Promise<{ tokens: TokenSet; refreshed: boolean }> {
  const c = oauth2Of(located);
  const config = c.fields;
  let tokens = config.tokens;
  const fresh =
    tokens !== undefined && (tokens.expiresAt === undefined || tokens.expiresAt - MARGIN_MS > systemClock.now());
  if (fresh) return { tokens: tokens!, refreshed: false };
  if (config.grant === 'client_credentials') {
    // Nothing to sign in to: asking again is how these tokens are renewed.
    tokens = await clientCredentials(config, { clock: systemClock });
  } else if (tokens?.refreshToken) {
    tokens = await refreshTokens(config, { clock: systemClock });
  } else {
    throw new LatchError(
      'ERR_OAUTH_LOGIN_REQUIRED',
      tokens
        ? 'The access token has expired and there is no refresh token. Sign in again with "latch oauth login".'
        : 'This credential has no token yet. Sign in with "latch oauth login".',
    );
  }
  await store.setTokens(located.serviceId, c.id, tokens);
  return { tokens, refreshed: true };
}
