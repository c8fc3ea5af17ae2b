/**
 * The refresh token grant (RFC 6749 §6). A rotated refresh token in the answer replaces the old
 * one (the caller must save the returned set: the old token is dead once rotated);
 * invalid_grant means the grant is gone and becomes ERR_OAUTH_LOGIN_REQUIRED.
 */
import * as oauth from 'oauth4webapi';
import type { TokenSet } from '../model/credential';
import { systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { loginRequired, toLatchError } from './errors';
import { extraRequestParams } from './extra-params';
import { quirkOf, RENEWAL_TIMEOUT_MS, requestOptions, withinTime } from './http-options';
import { verifyIdTokenSignature } from './id-token';
import type { OAuth2Config } from './oauth-context';
import { toTokenSet } from './token-set';

export function refreshTokens(config: OAuth2Config, options: ResolveOptions = {}): Promise<TokenSet> {
  return withinTime(options, RENEWAL_TIMEOUT_MS, (env) => refresh(config, env));
}

async function refresh(config: OAuth2Config, options: ResolveOptions): Promise<TokenSet> {
  const what = 'Refreshing the token';
  const current = config.tokens;
  if (!current?.refreshToken) throw loginRequired(what, 'no_refresh_token');
  const clock = options.clock ?? systemClock;
  const as = await resolveAuthorizationServer(config, options);
  requireEndpoint(as, 'token_endpoint', 'token endpoint');
  const client = oauthClient(config, clock);
  const clientAuth = await clientAuthentication(config);
  const http = requestOptions(options, quirkOf(config));
  let response: Response;
  let body: oauth.TokenEndpointResponse;
  try {
    response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, current.refreshToken, {
      ...http,
      additionalParameters: extraRequestParams(config),
    });
    body = await oauth.processRefreshTokenResponse(as, client, response);
  } catch (e) {
    throw toLatchError(e, what, { invalidGrantMeansLogin: true, noUser: true });
  }
  if (body.id_token !== undefined) await verifyIdTokenSignature(as, response, http);
  return toTokenSet(body, clock.now(), current);
}
