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
    as = await discover(config.issuer, { ...options, cache: options.discoveryCache, quirk: quirkOf(config) });
  } else {
    if (!config.tokenEndpoint) {
      throw new LatchError('ERR_BAD_INPUT', 'Enter the issuer (for discovery) or at least the token endpoint.', {
        detail: { field: 'tokenEndpoint' },
      });
    }
    // Without discovery there is no issuer to compare with; the token endpoint's origin stands in
    // (it is also what a provider without RFC 9207 will never send back as `iss`).
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
