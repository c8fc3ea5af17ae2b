import type { ResponseCookie } from './cookies';
import type { SentRequest } from './redact';
import type { ResponseBody } from './response-body';
import type { AttemptRecord } from './retry';
import type { Timing, TlsInfo } from './transmit';
import type { Header, Redaction } from './wire';

export interface RedirectHop {
  method: string;
  /** Redacted: a query string may hold a key. */
  url: string;
  status: number;
  location: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  /** Final URL after redirects, redacted. */
  url: string;
  headers: Header[];
  body: ResponseBody;
  /** The body was cut at maxBodyBytes and the rest not downloaded. */
  truncated: boolean;
  /** Set when Content-Encoding could not be undone; the body is then the raw bytes. */
  decodeError: string | null;
  size: { headerBytes: number; wireBodyBytes: number; bodyBytes: number };
  timing: Timing;
  tls: TlsInfo | null;
  cookies: ResponseCookie[];
  redirects: RedirectHop[];
  /**
   * Exactly what went out on the final hop, secrets included. Stays in the main
   * process; send `sentRedacted` across the bridge.
   */
  sent: SentRequest;
  sentRedacted: SentRequest;
  redaction: Redaction;
  /**
   * Every secret value that went out (credential fields, derived signature or token): what
   * the view masks wherever the server echoes it. Stays in main, like `sent`.
   */
  secretValues: string[];
  attempts: AttemptRecord[];
  /** Why retrying stopped early, when it did (Retry-After too long, attempts used up). */
  retryNote: string | null;
  /** Local clock ms when the response ended. */
  receivedAt: number;
}
