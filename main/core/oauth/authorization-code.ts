/**
 * The authorization code grant for a native app (RFC 6749 §4.1, RFC 8252, RFC 7636): the
 * authorization request goes to the user's own browser through the injected BrowserOpener (never
 * an embedded window, RFC 8252 §8.12), the response comes back to a loopback listener, and the
 * code is exchanged once with PKCE and the configured client authentication. With the openid
 * scope a nonce is sent and the ID token is validated (signature, iss, aud, exp, nonce).
 */
import * as oauth from 'oauth4webapi';
import type { TokenSet } from '../model/credential';
import { type BrowserOpener, systemClock } from '../platform';
import {
  issuerChecked,
  type ResolveOptions,
  requireEndpoint,
  resolveAuthorizationServer,
} from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { toLatchError } from './errors';
import { extraRequestParams } from './extra-params';
import { quirkOf, type RequestOptions, requestOptions } from './http-options';
import { processCodeTokenResponse } from './id-token';
import { type LoopbackListener, startLoopbackListener } from './loopback-listener';
import type { OAuth2Config } from './oauth-context';
import { createPkce } from './pkce';
import { redactUrl } from './request-log';
import { toTokenSet } from './token-set';

export type AuthorizeStage = 'listening' | 'browser-opened' | 'callback-received' | 'tokens-received';

export interface AuthorizeOptions extends ResolveOptions {
  opener: BrowserOpener;
  /** How long to wait for the browser; default 5 minutes. */
  timeoutMs?: number;
  /** Extra authorization request parameters (prompt, login_hint, access_type=offline...). */
  extraParams?: Record<string, string>;
  /** Progress for the UI ("waiting for the browser…"); also how the benchmark times the exchange. */
  onStage?: (stage: AuthorizeStage) => void;
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  nonce?: string;
  scopes: string;
  extraParams?: Record<string, string>;
}

export function hasOpenIdScope(scopes: string): boolean {
  return scopes.split(/\s+/).includes('openid');
}

/** The URL the browser opens. Our parameters are set last so extras cannot override them. */
export function buildAuthorizationUrl(
  as: oauth.AuthorizationServer,
  config: Pick<OAuth2Config, 'clientId'>,
  request: AuthorizationRequest,
): URL {
  const url = new URL(requireEndpoint(as, 'authorization_endpoint', 'authorization endpoint'));
  for (const [k, v] of Object.entries(request.extraParams ?? {})) url.searchParams.set(k, v);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.scopes.trim() !== '') url.searchParams.set('scope', request.scopes.trim().split(/\s+/).join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.nonce !== undefined) url.searchParams.set('nonce', request.nonce);
  return url;
}

export interface CodeExchange {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  http: RequestOptions;
  redirectUri: string;
  state: string;
  codeVerifier: string;
  nonce?: string;
  openid: boolean;
  /** False when the credential's issuer field is empty: the callback's `iss` is then not compared. */
  checkIssuer: boolean;
  /** The credential's extra parameters (audience, resource...), sent with the code too. */
  tokenParams?: Record<string, string>;
}

/** Validates the callback (state, iss, error) with oauth4webapi and redeems the code once. */
export async function exchangeAuthorizationCode(
  exchange: CodeExchange,
  callback: URLSearchParams,
  now: () => number,
  previous?: TokenSet,
): Promise<TokenSet> {
  const what = 'The code exchange';
  let response: Response;
  try {
    let received = callback;
    if (!exchange.checkIssuer && callback.has('iss')) {
      received = new URLSearchParams(callback);
      received.delete('iss');
    }
    const params = oauth.validateAuthResponse(exchange.as, exchange.client, received, exchange.state);
    response = await oauth.authorizationCodeGrantRequest(
      exchange.as,
      exchange.client,
      exchange.clientAuth,
      params,
      exchange.redirectUri,
      exchange.codeVerifier,
      { ...exchange.http, ...(exchange.tokenParams ? { additionalParameters: exchange.tokenParams } : {}) },
    );
  } catch (e) {
    throw toLatchError(e, what);
  }
  const body = await processCodeTokenResponse(
    exchange.as,
    exchange.client,
    response,
    exchange.nonce === undefined ? { required: exchange.openid } : { nonce: exchange.nonce, required: exchange.openid },
    exchange.http,
    what,
  );
  return toTokenSet(body, now(), previous);
}

/** Runs the whole flow and returns the new tokens; the caller saves them into the credential. */
export async function authorize(config: OAuth2Config, options: AuthorizeOptions): Promise<TokenSet> {
  const clock = options.clock ?? systemClock;
  const as = await resolveAuthorizationServer(config, options);
  requireEndpoint(as, 'authorization_endpoint', 'authorization endpoint');
  requireEndpoint(as, 'token_endpoint', 'token endpoint');
  // Fail on a missing secret or a bad key before the user is sent to the browser.
  const clientAuth = await clientAuthentication(config);
  const client = oauthClient(config, clock);
  const http = requestOptions(options, quirkOf(config));
  const pkce = await createPkce();
  const openid = hasOpenIdScope(config.scopes);
  const nonce = openid ? oauth.generateRandomNonce() : undefined;

  let listener: LoopbackListener<TokenSet> | undefined;
  listener = await startLoopbackListener<TokenSet>({
    redirectUri: config.redirectUri,
    ...(issuerChecked(config) ? { expectedIssuer: as.issuer } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    onCallbackReceived: () => options.onStage?.('callback-received'),
    onRequest: (info) => {
      const url = new URL(info.url, listener?.redirectUri ?? 'http://127.0.0.1');
      const error = url.searchParams.get('error');
      options.log?.record({
        method: info.method,
        url: redactUrl(url.href),
        status: info.status,
        durationMs: 0,
        at: clock.now(),
        // The browser's redirect: a 200 page that carries the server's refusal is still a refusal.
        outcome: info.status < 400 && error === null ? 'ok' : 'failed',
        ...(error !== null && /^[\x20-\x7e]{1,100}$/.test(error) ? { oauthError: error } : {}),
      });
    },
    onCallback: async (params) => {
      const tokens = await exchangeAuthorizationCode(
        {
          as,
          client,
          clientAuth,
          http,
          redirectUri: listener?.redirectUri ?? '',
          state: listener?.state ?? '',
          codeVerifier: pkce.verifier,
          ...(nonce === undefined ? {} : { nonce }),
          openid,
          checkIssuer: issuerChecked(config),
          tokenParams: extraRequestParams(config),
        },
        params,
        () => clock.now(),
      );
      options.onStage?.('tokens-received');
      return tokens;
    },
  });
  options.onStage?.('listening');
  const url = buildAuthorizationUrl(as, config, {
    redirectUri: listener.redirectUri,
    state: listener.state,
    codeChallenge: pkce.challenge,
    scopes: config.scopes,
    ...(nonce === undefined ? {} : { nonce }),
    extraParams: { ...extraRequestParams(config), ...options.extraParams },
  });
  try {
    await options.opener.open(url.href);
  } catch (e) {
    await listener.close();
    throw toLatchError(e, 'Opening the browser');
  }
  options.onStage?.('browser-opened');
  return listener.result;
}
