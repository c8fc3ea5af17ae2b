/**
 * The credential's extra request parameters (audience, resource, custom ones) as one list, sent
 * with the authorization request and the token requests. Auth0 wants `audience` to issue an API
 * token; RFC 8707 `resource` names the API for Azure AD v1 and others.
 */
import type { OAuth2Config } from './oauth-context';

export function extraRequestParams(
  config: Pick<OAuth2Config, 'audience' | 'resource' | 'extraParams'>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // The schema already refused names the flows set themselves (client_id, scope, state...).
  for (const [k, v] of new URLSearchParams(config.extraParams ?? '')) out[k] = v;
  if (config.audience) out.audience = config.audience;
  if (config.resource) out.resource = config.resource;
  return out;
}
