/** What the OAuth service reports; the contract's schemas (preload/channels/oauth.ts) have the same shapes. */
import type { OAUTH_GRANTS } from '../../core/model/credential';
import type { TokenFacts, TokenState } from '../../core/model/token-status';
import type { FlowRequestEntry } from '../../core/oauth/request-log';

export type OAuthTokenStatus = TokenState;

/** One oauth2 credential as the OAuth screen lists it: times and flags, never a token. */
export interface OAuthTokenInfo {
  serviceId: string;
  serviceName: string;
  credentialId: string;
  name: string;
  provider: string;
  grant: (typeof OAUTH_GRANTS)[number];
  server: string | null;
  scopes: string;
  status: OAuthTokenStatus;
  /** What the screen passes to tokenStatus as its clock moves on. */
  token: TokenFacts | null;
  expiresAt: number | null;
  obtainedAt: number | null;
  hasRefreshToken: boolean;
  hasIdToken: boolean;
  busy: boolean;
  waitingFor: string | null;
  autoRefresh: boolean;
  lastError: string | null;
  /** For grants that come back through the browser; null for client credentials, device code, or a bad redirect URI. */
  redirect: OAuthRedirectInfo | null;
}

/** The redirect URI to register at the provider, as main will send it. */
export interface OAuthRedirectInfo {
  uri: string;
  /** The port is chosen per sign-in: the provider must accept any port on a loopback redirect. */
  anyPort: boolean;
  /** How to register it at this provider. */
  note: string;
}

export interface FlowLog {
  /** Which flow: a grant, "refresh" or "revocation". */
  flow: string;
  startedAt: number;
  finishedAt: number | null;
  outcome: 'running' | 'ok' | 'failed' | 'cancelled';
  error: { code: string; message: string } | null;
  entries: FlowRequestEntry[];
}

export interface DeviceCodeInfo {
  serviceId: string;
  credentialId: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  expiresAt: number;
}

/** What the OAuth service wants the user told (the host decides how: a desktop notification, a toast). */
export type OAuthNotice =
  | { type: 'token-will-expire'; service: string; credential: string; expiresAt: number; now: number }
  | { type: 'refresh-failed'; service: string; credential: string; loginRequired: boolean };
