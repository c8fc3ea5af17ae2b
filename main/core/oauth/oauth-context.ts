import type { CLIENT_AUTH_METHODS, FieldsOf, OAUTH_GRANTS } from '../model/credential';
import type { Clock } from '../platform';
import type { FlowRequestLog } from './request-log';

/** The oauth2 credential's fields, defaults applied (what the vault stores). */
export type OAuth2Config = FieldsOf<'oauth2'>;

export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
export type OAuthGrant = (typeof OAUTH_GRANTS)[number];

/** fetch as oauth4webapi calls it: a URL string and plain init. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What every operation may be given; all optional so the CLI and the app pass only what they have. */
export interface OAuthEnv {
  /** Frozen in tests; also used for expiresAt and ID token time checks. */
  clock?: Clock;
  /** The transport underneath oauth4webapi's customFetch hook; defaults to global fetch. */
  fetch?: FetchLike;
  /** Receives every HTTP exchange of the flow, secrets redacted. */
  log?: FlowRequestLog;
  signal?: AbortSignal;
}
