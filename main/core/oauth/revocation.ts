/**
 * Token revocation (RFC 7009). 200 means done (also for a token the server no longer knows,
 * §2.2). 503, 429 and network trouble mean "try later" (§2.2.1): revoke() reports that instead
 * of throwing, so RevocationQueue can retry without the local delete ever waiting on it.
 */
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { toLatchError } from './errors';
import { quirkOf, requestOptions } from './http-options';
import type { OAuth2Config } from './oauth-context';

export type TokenTypeHint = 'access_token' | 'refresh_token';

export type RevocationResult = { status: 'revoked' } | { status: 'retry'; retryAfterMs?: number; reason: string };

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export async function revoke(
  config: OAuth2Config,
  token: string,
  hint?: TokenTypeHint,
  options: ResolveOptions = {},
): Promise<RevocationResult> {
  const what = 'Revoking the token';
  const clock = options.clock ?? systemClock;
  if (!config.issuer && !config.revocationEndpoint) {
    throw new LatchError(
      'ERR_OAUTH',
      'This provider has no revocation endpoint; the token stays valid until it expires.',
      {
        detail: { error: 'missing_endpoint', error_description: 'revocation_endpoint' },
      },
    );
  }
  let as: oauth.AuthorizationServer;
  try {
    as = await resolveAuthorizationServer(config, options);
  } catch (e) {
    if (e instanceof LatchError && e.detail?.error === 'discovery_failed') {
      return { status: 'retry', reason: 'discovery_failed' };
    }
    throw e;
  }
  requireEndpoint(as, 'revocation_endpoint', 'revocation endpoint');
  const client = oauthClient(config, clock);
  const clientAuth = await clientAuthentication(config);
  let response: Response;
  try {
    response = await oauth.revocationRequest(as, client, clientAuth, token, {
      ...requestOptions(options, quirkOf(config)),
      ...(hint ? { additionalParameters: { token_type_hint: hint } } : {}),
    });
  } catch (e) {
    const mapped = toLatchError(e, what, { noUser: true });
    if (mapped.code === 'ERR_OAUTH' && mapped.detail?.error === 'unreachable') {
      return { status: 'retry', reason: 'unreachable' };
    }
    throw mapped;
  }
  if (response.status === 503 || response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    await response.body?.cancel();
    return retryAfterMs === undefined
      ? { status: 'retry', reason: `http_${response.status}` }
      : { status: 'retry', retryAfterMs, reason: `http_${response.status}` };
  }
  try {
    await oauth.processRevocationResponse(response);
  } catch (e) {
    throw toLatchError(e, what, { noUser: true });
  }
  return { status: 'revoked' };
}
