import { AccessTokens, type FreshToken } from '../app/secrets/access-tokens';
import type { Located, ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { oauth2Of } from './oauth-credential';

/**
 * A valid access token of the OAuth 2.0 credential `located` names, for the commands other
 * programs run (git, kubectl, inject): the app's AccessTokens over the command's store, so the
 * refresh rule and the save-before-use are the ones the app and `latch token` follow.
 */
export function freshTokens(
  store: ServiceStore,
  located: Located,
  options: { force?: boolean } = {},
): Promise<FreshToken> {
  const c = oauth2Of(located);
  return new AccessTokens({ credentials: store, clock: systemClock }).fresh(located.serviceId, c.id, options);
}
