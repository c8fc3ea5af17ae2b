/**
 * LEGACY: the implicit grant (RFC 6749 §4.2). The OAuth 2.0 Security BCP (RFC 9700 §2.1.2) says
 * not to use it: the access token travels in the URL fragment, there is no PKCE, no client
 * authentication and no refresh token. It is here only for old providers that offer nothing
 * else; new credentials should use the authorization code grant with PKCE.
 *
 * The fragment never reaches a server, so the loopback page runs a tiny same-origin script that
 * posts location.hash back to the listener (see loopback-listener.ts).
 */
import type { TokenSet } from '../model/credential';
import { LatchError } from '../model/errors';
import { type BrowserOpener, systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { toLatchError } from './errors';
import { extraRequestParams } from './extra-params';
import { startLoopbackListener } from './loopback-listener';
import type { OAuth2Config } from './oauth-context';

export interface ImplicitOptions extends ResolveOptions {
  opener: BrowserOpener;
  timeoutMs?: number;
  extraParams?: Record<string, string>;
}

export function tokenSetFromFragment(params: URLSearchParams, now: number): TokenSet {
  const accessToken = params.get('access_token');
  if (!accessToken) {
    throw new LatchError('ERR_OAUTH', 'The implicit sign-in answer carried no access token.', {
      detail: { error: 'invalid_response' },
    });
  }
  const set: TokenSet = {
    accessToken,
    tokenType:
      (params.get('token_type') ?? 'Bearer').toLowerCase() === 'bearer'
        ? 'Bearer'
        : (params.get('token_type') ?? 'Bearer'),
    obtainedAt: now,
  };
  const scope = params.get('scope');
  if (scope) set.scope = scope;
  const expiresIn = Number(params.get('expires_in'));
  if (params.get('expires_in') !== null && Number.isFinite(expiresIn) && expiresIn > 0)
    set.expiresAt = now + expiresIn * 1000;
  return set;
}

/** @deprecated Legacy grant; prefer authorize() (authorization code + PKCE). */
export async function authorizeImplicit(config: OAuth2Config, options: ImplicitOptions): Promise<TokenSet> {
  const clock = options.clock ?? systemClock;
  const as = await resolveAuthorizationServer(config, options);
  const endpoint = requireEndpoint(as, 'authorization_endpoint', 'authorization endpoint');
  const listener = await startLoopbackListener<TokenSet>({
    redirectUri: config.redirectUri,
    responseMode: 'fragment',
    ...(config.issuer ? { expectedIssuer: as.issuer } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    onCallback: async (params) => tokenSetFromFragment(params, clock.now()),
  });
  const url = new URL(endpoint);
  for (const [k, v] of Object.entries({ ...extraRequestParams(config), ...options.extraParams }))
    url.searchParams.set(k, v);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', listener.redirectUri);
  if (config.scopes.trim() !== '') url.searchParams.set('scope', config.scopes.trim().split(/\s+/).join(' '));
  url.searchParams.set('state', listener.state);
  try {
    await options.opener.open(url.href);
  } catch (e) {
    await listener.close();
    throw toLatchError(e, 'Opening the browser');
  }
  return listener.result;
}
