/** The client credentials grant (RFC 6749 §4.4): a machine token, no user, never a refresh token. */
import * as oauth from 'oauth4webapi';
import type { TokenSet } from '../model/credential';
import { LatchError } from '../model/errors';
import { systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { toLatchError } from './errors';
import { extraRequestParams } from './extra-params';
import { quirkOf, RENEWAL_TIMEOUT_MS, requestOptions, withinTime } from './http-options';
import type { OAuth2Config } from './oauth-context';
import { toTokenSet } from './token-set';

export interface ClientCredentialsOptions extends ResolveOptions {
  /** Extra token request parameters, e.g. resource (RFC 8707) or audience (Auth0). */
  extraParams?: Record<string, string>;
}

export function clientCredentials(config: OAuth2Config, options: ClientCredentialsOptions = {}): Promise<TokenSet> {
  return withinTime(options, RENEWAL_TIMEOUT_MS, (env) => request(config, env));
}

async function request(config: OAuth2Config, options: ClientCredentialsOptions): Promise<TokenSet> {
  if (config.clientAuth === 'none') {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The client credentials grant needs a confidential client: set a client secret or key.',
      {
        detail: { field: 'clientAuth' },
      },
    );
  }
  const clock = options.clock ?? systemClock;
  const as = await resolveAuthorizationServer(config, options);
  requireEndpoint(as, 'token_endpoint', 'token endpoint');
  const client = oauthClient(config, clock);
  const clientAuth = await clientAuthentication(config);
  const params = new URLSearchParams({ ...extraRequestParams(config), ...options.extraParams });
  if (config.scopes.trim() !== '') params.set('scope', config.scopes.trim().split(/\s+/).join(' '));
  try {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      clientAuth,
      params,
      requestOptions(options, quirkOf(config)),
    );
    const body = await oauth.processClientCredentialsResponse(as, client, response);
    return toTokenSet(body, clock.now());
  } catch (e) {
    throw toLatchError(e, 'Getting a client credentials token', { noUser: true });
  }
}
