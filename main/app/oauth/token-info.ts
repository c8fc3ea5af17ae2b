/** One oauth2 credential as the OAuth screen lists it: times and flags, never a token. */

import { tokenFacts } from '../../core/credentials/credential-status';
import type { Credential } from '../../core/model/credential';
import { tokenStatus } from '../../core/model/token-status';
import type { OAuthRedirectInfo, OAuthTokenInfo } from './oauth-types';
import { redirectInfo } from './redirect-info';

export type OAuth2Credential = Extract<Credential, { kind: 'oauth2' }>;

/** What only the running app knows about a credential (the vault does not hold it). */
export interface LiveState {
  busy: boolean;
  /** "Waiting for you to approve in the browser at HOST…" once a browser sign-in has waited long. */
  waitingFor: string | null;
  autoRefresh: boolean;
  lastError: string | null;
}

/** The server the user talks to: the issuer, or else the token endpoint's origin. */
function serverOf(fields: OAuth2Credential['fields']): string | null {
  if (fields.issuer) return fields.issuer;
  if (!fields.tokenEndpoint) return null;
  try {
    return new URL(fields.tokenEndpoint).origin;
  } catch {
    return null;
  }
}

/** Only grants that come back through the browser have a redirect; a bad one shows at sign-in. */
function redirectOf(fields: OAuth2Credential['fields']): OAuthRedirectInfo | null {
  if (fields.grant !== 'authorization_code' && fields.grant !== 'implicit') return null;
  try {
    return redirectInfo(fields.provider, fields.redirectUri);
  } catch {
    return null;
  }
}

export function tokenInfo(
  serviceId: string,
  serviceName: string,
  c: OAuth2Credential,
  now: number,
  live: LiveState,
): OAuthTokenInfo {
  const f = c.fields;
  const t = f.tokens;
  return {
    serviceId,
    serviceName,
    credentialId: c.id,
    name: c.name,
    provider: f.provider,
    grant: f.grant,
    server: serverOf(f),
    scopes: t?.scope ?? f.scopes,
    // The one status every screen shows (model/token-status.ts); the screen recomputes it as time moves.
    status: tokenStatus(tokenFacts(c), now).state,
    token: tokenFacts(c),
    expiresAt: t?.expiresAt ?? null,
    obtainedAt: t?.obtainedAt ?? null,
    hasRefreshToken: t?.refreshToken !== undefined,
    hasIdToken: t?.idToken !== undefined,
    redirect: redirectOf(f),
    ...live,
  };
}
