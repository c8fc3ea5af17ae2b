/**
 * How every oauth4webapi call is made: through one customFetch that enforces HTTPS (plain http
 * only to this computer, for local providers and tests), applies provider quirks and writes the
 * flow request log.
 */
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { systemClock } from '../platform';
import { githubCompatFetch } from './github-compat';
import type { FetchLike, OAuth2Config, OAuthEnv } from './oauth-context';
import { loggingFetch } from './request-log';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** RFC 6749 §3.1, §3.2: endpoints must use TLS; loopback http is the one exception (RFC 8252 §8.3 spirit). */
export function assertSecureUrl(url: URL, what: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return;
  throw new LatchError('ERR_OAUTH', `The ${what} must use https:// (plain http is allowed only for this computer).`, {
    detail: { error: 'insecure_endpoint' },
  });
}

function secureFetch(inner: FetchLike): FetchLike {
  return (url, init) => {
    assertSecureUrl(new URL(url), 'server address');
    return inner(url, init);
  };
}

function baseFetch(env: OAuthEnv): FetchLike {
  return env.fetch ?? ((url, init) => fetch(url, init));
}

/**
 * RFC 6749 §5.2 sends token errors with HTTP 400, but some servers answer 200 with an error body
 * ({"error": "invalid_grant"}); oauth4webapi would then call the answer malformed. A 200 JSON
 * answer to a POST that names an `error` and carries no access token is passed on as the 400 it
 * means, so the user sees the server's error. (GitHub's form-encoded answers: github-compat.ts.)
 */
export function errorWith200Fetch(inner: FetchLike): FetchLike {
  return async (url, init) => {
    const response = await inner(url, init);
    if ((init.method ?? 'GET').toUpperCase() !== 'POST' || response.status !== 200) return response;
    if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (typeof body !== 'object' || body === null) return response;
    const fields = body as Record<string, unknown>;
    if (typeof fields.error !== 'string' || 'access_token' in fields) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(body), { status: 400, statusText: 'Bad Request', headers });
  };
}

export type OAuthProviderQuirk = 'github' | undefined;

export function quirkOf(config: Pick<OAuth2Config, 'provider'> | undefined): OAuthProviderQuirk {
  return config?.provider === 'github' ? 'github' : undefined;
}

export function composeFetch(env: OAuthEnv, quirk: OAuthProviderQuirk): FetchLike {
  let f = baseFetch(env);
  // The log sits closest to the wire so it shows what really went out and came back.
  if (env.log) f = loggingFetch(env.log, f, env.clock ?? systemClock);
  f = quirk === 'github' ? githubCompatFetch(f) : errorWith200Fetch(f);
  return secureFetch(f);
}

export type RequestOptions = {
  [oauth.customFetch]: FetchLike;
  [oauth.allowInsecureRequests]: boolean;
  signal?: AbortSignal;
};

export function requestOptions(env: OAuthEnv, quirk: OAuthProviderQuirk): RequestOptions {
  const options: RequestOptions = {
    [oauth.customFetch]: composeFetch(env, quirk),
    // Our secureFetch decides instead: it allows http only to loopback hosts.
    [oauth.allowInsecureRequests]: true,
  };
  if (env.signal) options.signal = env.signal;
  return options;
}

/**
 * How long one token renewal (discovery, token request, ID token keys) may take. It runs under the
 * renewal lock (vault/renewal-lock.ts), which other processes break as stale after a minute, so it
 * must be over well before that whatever the server does: undici alone waits 300 s for headers.
 */
export const RENEWAL_TIMEOUT_MS = 30_000;

/** Runs `run` with env's signal also aborted (TimeoutError, so ERR_TIMEOUT) after ms. */
export async function withinTime<E extends OAuthEnv, T>(env: E, ms: number, run: (env: E) => Promise<T>): Promise<T> {
  const timer = new AbortController();
  // A plain timer (not AbortSignal.timeout) so it is cleared at once when the renewal ends.
  const t = setTimeout(() => timer.abort(new DOMException(`No answer within ${ms} ms.`, 'TimeoutError')), ms);
  try {
    return await run({ ...env, signal: env.signal ? AbortSignal.any([env.signal, timer.signal]) : timer.signal });
  } finally {
    clearTimeout(t);
  }
}
