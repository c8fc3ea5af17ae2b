/**
 * Authorization server metadata from an issuer URL: OpenID Connect Discovery 1.0
 * (/.well-known/openid-configuration appended to the issuer) first, then RFC 8414
 * (/.well-known/oauth-authorization-server inserted before the issuer's path). oauth4webapi
 * checks that the document's `issuer` is exactly the one asked for (mix-up defence).
 */
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { toLatchError } from './errors';
import { assertSecureUrl, type OAuthProviderQuirk, requestOptions } from './http-options';
import type { OAuthEnv } from './oauth-context';

export type DiscoveryAlgorithm = 'oidc' | 'oauth2';

/** A cache the caller owns (one per app session), so refreshes do not rediscover each time. */
export class DiscoveryCache {
  readonly #entries = new Map<string, { as: oauth.AuthorizationServer; at: number }>();
  constructor(
    private readonly ttlMs = 60 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}
  get(issuer: string): oauth.AuthorizationServer | undefined {
    const hit = this.#entries.get(issuer);
    if (hit === undefined || this.now() - hit.at > this.ttlMs) return undefined;
    return hit.as;
  }
  set(issuer: string, as: oauth.AuthorizationServer): void {
    this.#entries.set(issuer, { as, at: this.now() });
  }
}

export interface DiscoverOptions extends OAuthEnv {
  cache?: DiscoveryCache;
  quirk?: OAuthProviderQuirk;
}

async function discoverWith(issuer: URL, algorithm: DiscoveryAlgorithm, options: DiscoverOptions) {
  const http = requestOptions(options, options.quirk);
  const response = await oauth.discoveryRequest(issuer, { ...http, algorithm });
  return oauth.processDiscoveryResponse(issuer, response);
}

export async function discover(issuer: string, options: DiscoverOptions = {}): Promise<oauth.AuthorizationServer> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new LatchError('ERR_BAD_INPUT', 'The issuer must be a URL such as https://accounts.example.com.', {
      detail: { field: 'issuer' },
    });
  }
  assertSecureUrl(url, 'issuer');
  const cached = options.cache?.get(issuer);
  if (cached) return cached;
  let firstError: unknown;
  for (const algorithm of ['oidc', 'oauth2'] as const) {
    try {
      const as = await discoverWith(url, algorithm, options);
      options.cache?.set(issuer, as);
      return as;
    } catch (e) {
      if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError'))
        throw toLatchError(e, 'Discovery');
      firstError ??= e;
    }
  }
  const mapped = toLatchError(firstError, 'Discovery');
  throw new LatchError(
    'ERR_OAUTH',
    `No server metadata found for ${url.origin}${url.pathname === '/' ? '' : url.pathname} at either .well-known address. Check the issuer, or enter the endpoints by hand.`,
    { detail: { error: 'discovery_failed', error_description: String(mapped.detail?.error ?? 'unknown') } },
  );
}
