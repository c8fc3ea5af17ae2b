/**
 * Which server to talk to, from the credential's fields: discovery when an issuer is given
 * (explicit endpoint fields still win, for providers whose metadata is incomplete), otherwise the
 * endpoints typed in or filled by a preset (GitHub has no discovery).
 */
import type * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { type DiscoveryCache, discover } from './discovery';
import { assertSecureUrl, quirkOf } from './http-options';
import type { OAuth2Config, OAuthEnv } from './oauth-context';

export interface ResolveOptions extends OAuthEnv {
  discoveryCache?: DiscoveryCache;
}

const ENDPOINT_FIELDS = [
  ['authorizationEndpoint', 'authorization_endpoint', 'authorization endpoint'],
  ['tokenEndpoint', 'token_endpoint', 'token endpoint'],
  ['deviceAuthorizationEndpoint', 'device_authorization_endpoint', 'device authorization endpoint'],
  ['revocationEndpoint', 'revocation_endpoint', 'revocation endpoint'],
] as const;

export async function resolveAuthorizationServer(
  config: OAuth2Config,
  options: ResolveOptions = {},
): Promise<oauth.AuthorizationServer> {
  let as: oauth.AuthorizationServer;
  if (config.issuer) {
    try {
      as = await discover(config.issuer, { ...options, cache: options.discoveryCache, quirk: quirkOf(config) });
    } catch (e) {
      // A server without metadata (or a realm that hides it) still works with endpoints typed in:
      // the issuer field then only says what `iss` must be (RFC 9207, ID tokens).
      if (!(e instanceof LatchError && e.detail?.error === 'discovery_failed' && config.tokenEndpoint)) throw e;
      as = { issuer: config.issuer };
    }
  } else {
    if (!config.tokenEndpoint) {
      throw new LatchError('ERR_BAD_INPUT', 'Enter the issuer (for discovery) or at least the token endpoint.', {
        detail: { field: 'tokenEndpoint' },
      });
    }
    // An empty issuer field means "do not check": oauth4webapi needs a value, so the token
    // endpoint's origin stands in, and the callback's `iss` is not compared with it
    // (issuerChecked() below; a Keycloak realm's iss has a path the origin cannot match).
    as = { issuer: new URL(config.tokenEndpoint).origin };
  }
  for (const [field, metadata, label] of ENDPOINT_FIELDS) {
    const value = config[field];
    // Copy only on a real override: oauth4webapi caches the JWKS per metadata object, so a
    // cached discovery result keeps its keys across flows.
    if (value && as[metadata] !== value) {
      assertSecureUrl(new URL(value), label);
      as = { ...as, [metadata]: value };
    }
  }
  return as;
}

/** Whether a response's `iss` (RFC 9207) is compared with the issuer: only when the field is set. */
export function issuerChecked(config: Pick<OAuth2Config, 'issuer'>): boolean {
  return Boolean(config.issuer);
}

export function requireEndpoint(
  as: oauth.AuthorizationServer,
  name:
    | 'authorization_endpoint'
    | 'token_endpoint'
    | 'device_authorization_endpoint'
    | 'revocation_endpoint'
    | 'introspection_endpoint',
  what: string,
): string {
  const value = as[name];
  if (typeof value !== 'string' || value === '') {
    throw new LatchError('ERR_OAUTH', `This provider has no ${what}. Enter it by hand or choose another grant.`, {
      detail: { error: 'missing_endpoint', error_description: name },
    });
  }
  return value;
}
