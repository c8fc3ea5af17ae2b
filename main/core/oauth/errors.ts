import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';

/** What the user can do about each standard error code (RFC 6749 §4.1.2.1, §5.2, RFC 8628 §3.5). */
const HINTS: Record<string, string> = {
  access_denied: 'The sign-in was declined. Start it again and approve the access.',
  invalid_client:
    'The server did not accept the client credentials. Check the client id, secret or key and the client authentication method.',
  unauthorized_client:
    'This client is not allowed to use this grant. Check the grant type enabled for the app at the provider.',
  invalid_grant: 'The code or refresh token is no longer valid. Sign in again.',
  invalid_scope: 'The server refused the requested scopes. Check the scopes field.',
  invalid_request:
    'The server rejected the request as malformed. Check the endpoints, redirect URI and client settings.',
  unsupported_grant_type: 'The server does not support this grant. Choose another grant type.',
  unsupported_response_type: 'The server does not support this response type. Choose another grant type.',
  expired_token: 'The sign-in code expired before it was approved. Start the sign-in again.',
  server_error: 'The sign-in server had an internal error. Try again later.',
  temporarily_unavailable: 'The sign-in server is temporarily unavailable. Try again later.',
  unsupported_token_type: 'The server cannot revoke this kind of token.',
};

/**
 * For a grant without a user (client credentials, a refresh, a revocation) nobody "approved"
 * anything: the hint talks about the client's permissions at the provider instead.
 */
const NO_USER_HINTS: Record<string, string> = {
  access_denied:
    'The server refused this client. Check that the client may use this grant, and the scopes and audience it asks for, at the provider.',
  unauthorized_client:
    'This client is not allowed to use this grant. Enable it for the app at the provider, or choose another grant.',
};

export interface ErrorContext {
  /** The grant runs without a user at the browser (client credentials, refresh, revocation). */
  noUser?: boolean;
}

function hint(error: string, context: ErrorContext = {}): string {
  return (
    (context.noUser ? NO_USER_HINTS[error] : undefined) ?? HINTS[error] ?? 'Check the provider settings and try again.'
  );
}

/** The server's own words (error_description), safe to show: one line, printable, bounded. */
function said(description: string | undefined): string {
  if (description === undefined) return '';
  // Control characters (a newline, an escape sequence) would let a server shape the message.
  let line = '';
  for (const ch of description) {
    const c = ch.codePointAt(0) ?? 0;
    line += c < 0x20 || (c >= 0x7f && c < 0xa0) ? ' ' : ch;
    if (line.length >= 300) break;
  }
  line = line.replace(/ {2,}/g, ' ').trim();
  return line === '' ? '' : ` The server said: "${line}".`;
}

function errorDetail(error: string, description?: string): LatchError['detail'] {
  return description === undefined ? { error } : { error, error_description: description.slice(0, 500) };
}

/** An error named by the protocol (the server's `error` code). Never carries a token or secret. */
export function protocolError(
  what: string,
  rawError: string,
  description?: string,
  context: ErrorContext = {},
): LatchError {
  // RFC 6749 §4.1.2.1 limits `error` to printable ASCII; anything else is not worth echoing.
  const error = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(rawError) ? rawError : 'invalid_error';
  const code = error === 'login_required' ? 'ERR_OAUTH_LOGIN_REQUIRED' : 'ERR_OAUTH';
  return new LatchError(code, `${what} failed (${error}).${said(description)} ${hint(error, context)}`, {
    detail: errorDetail(error, description),
  });
}

export function loginRequired(what: string, error = 'invalid_grant', description?: string): LatchError {
  return new LatchError(
    'ERR_OAUTH_LOGIN_REQUIRED',
    `${what}: a new sign-in is needed.${said(description)} ${hint(error)}`,
    {
      detail: errorDetail(error, description),
    },
  );
}

/** An HTTP error status without an OAuth error body (an HTML 403 page, a proxy's 502). */
function statusError(what: string, status: number, context: ErrorContext): LatchError {
  const refused = status === 401 || status === 403;
  const advice = refused
    ? context.noUser
      ? 'Check the client id, secret and the client’s permissions (grant, scopes, audience) at the provider.'
      : 'Check the client id, secret and client authentication method.'
    : 'Check the endpoint addresses; the request log shows what the server sent.';
  return new LatchError(
    'ERR_OAUTH',
    `${what} failed: the server answered HTTP ${status} without an OAuth error. ${advice}`,
    {
      detail: { error: `http_${status}` },
    },
  );
}

export interface ToLatchOptions extends ErrorContext {
  /** invalid_grant on a refresh means the grant is gone: the user has to sign in again. */
  invalidGrantMeansLogin?: boolean;
}

/**
 * Maps anything oauth4webapi, fetch or an abort throws to a LatchError. The original error is
 * deliberately not kept as `cause`: oauth4webapi attaches whole response bodies (tokens) to it.
 */
export function toLatchError(e: unknown, what: string, options: ToLatchOptions = {}): LatchError {
  if (e instanceof LatchError) return e;
  if (e instanceof oauth.ResponseBodyError || e instanceof oauth.AuthorizationResponseError) {
    if (options.invalidGrantMeansLogin && e.error === 'invalid_grant') {
      return loginRequired(what, e.error, e.error_description);
    }
    return protocolError(what, e.error, e.error_description, options);
  }
  if (e instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = e.cause[0];
    const error = challenge?.parameters.error ?? (e.status === 401 ? 'invalid_client' : 'invalid_request');
    return protocolError(what, error, challenge?.parameters.error_description, options);
  }
  // An error status whose body oauth4webapi could not read as an OAuth error (HTML, empty).
  if (e instanceof oauth.OperationProcessingError && e.cause instanceof Response && e.cause.status >= 300) {
    return statusError(what, e.cause.status, options);
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return e.name === 'TimeoutError'
      ? new LatchError('ERR_TIMEOUT', `${what} took too long. Check the network and try again.`)
      : new LatchError('ERR_CANCELLED', `${what} was cancelled.`);
  }
  if (e instanceof oauth.OperationProcessingError) {
    const idToken = e.code === oauth.JWT_CLAIM_COMPARISON || e.code === oauth.JWT_TIMESTAMP_CHECK;
    const error = idToken
      ? 'invalid_id_token'
      : e.code === oauth.KEY_SELECTION
        ? 'invalid_id_token'
        : 'invalid_response';
    const claim =
      idToken && typeof e.cause === 'object' && e.cause !== null && 'claim' in e.cause ? String(e.cause.claim) : '';
    const message = idToken
      ? `${what} failed: the ID token was refused${claim ? ` (its "${claim}" claim ${e.code === oauth.JWT_TIMESTAMP_CHECK ? 'is out of date' : 'does not match'})` : ''}. Check the issuer and client id; if they are right, sign in again.`
      : `${what} failed: the server's answer is not valid OAuth (${e.code}). Check the endpoints.`;
    return new LatchError('ERR_OAUTH', message, { detail: { error, error_description: e.code ?? null } });
  }
  if (e instanceof oauth.UnsupportedOperationError) {
    return new LatchError('ERR_OAUTH', `${what} failed: the server uses a feature Latch does not support.`, {
      detail: { error: 'unsupported', error_description: e.code ?? null },
    });
  }
  if (e instanceof TypeError && e.message === 'fetch failed') {
    const cause = e.cause as { code?: unknown } | undefined;
    const code = typeof cause?.code === 'string' ? cause.code : 'network';
    return new LatchError(
      'ERR_OAUTH',
      `${what} failed: the server could not be reached (${code}). Check the URL and the network.`,
      {
        detail: { error: 'unreachable', error_description: code },
      },
    );
  }
  return new LatchError('ERR_OAUTH', `${what} failed unexpectedly. Check the provider settings and try again.`, {
    detail: { error: 'internal' },
  });
}
