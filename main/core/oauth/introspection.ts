/** Token introspection (RFC 7662): is this token still active at the server? */
import * as oauth from 'oauth4webapi';
import { systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { toLatchError } from './errors';
import { quirkOf, requestOptions } from './http-options';
import type { OAuth2Config } from './oauth-context';

export interface IntrospectionResult {
  active: boolean;
  scope?: string;
  clientId?: string;
  /** Unix milliseconds. */
  expiresAt?: number;
}

export async function introspect(
  config: OAuth2Config,
  token: string,
  hint?: 'access_token' | 'refresh_token',
  options: ResolveOptions = {},
): Promise<IntrospectionResult> {
  const as = await resolveAuthorizationServer(config, options);
  requireEndpoint(as, 'introspection_endpoint', 'introspection endpoint');
  const client = oauthClient(config, options.clock ?? systemClock);
  const clientAuth = await clientAuthentication(config);
  try {
    const http = requestOptions(options, quirkOf(config));
    const response = await oauth.introspectionRequest(as, client, clientAuth, token, {
      ...http,
      ...(hint ? { additionalParameters: { token_type_hint: hint } } : {}),
    });
    const body = await oauth.processIntrospectionResponse(as, client, response);
    const out: IntrospectionResult = { active: body.active };
    if (typeof body.scope === 'string') out.scope = body.scope;
    if (typeof body.client_id === 'string') out.clientId = body.client_id;
    if (typeof body.exp === 'number') out.expiresAt = body.exp * 1000;
    return out;
  } catch (e) {
    throw toLatchError(e, 'Introspecting the token');
  }
}
