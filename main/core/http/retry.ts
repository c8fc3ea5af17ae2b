import { LatchError } from '../model/errors';
import { RETRYABLE_NETWORK_CODES } from './errors';
import { getHeader, type Header } from './wire';

export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the response is returned with a note. */
  maxRetryAfterMs: number;
  /**
   * POST and PATCH are retried only where the server surely did not act on them
   * (429, 503, connection refused), unless this is set.
   */
  retryUnsafeMethods: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 1,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  retryUnsafeMethods: false,
};

export interface AttemptRecord {
  attempt: number;
  /** Clock ms when the attempt started. */
  startedAt: number;
  durationMs: number;
  /** HTTP status, or the error code (ECONNRESET, ERR_TIMEOUT, ...). */
  outcome: number | string;
  waitMsBefore: number;
  /** Why this attempt happened: "first attempt", "Retry-After: 1 s after 429", ... */
  reason: string;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Retry-After as ms to wait from `nowMs`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - nowMs);
}

/** "Full jitter": a uniform wait in [0, min(max, base·2^(n-1))] (AWS architecture blog, 2015). */
export function backoffDelay(
  retryNumber: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

export type RetryDecision = { retry: true; waitMs: number; reason: string } | { retry: false; note: string | null };

export type AttemptOutcome = { status: number; headers: readonly Header[] } | { errorCode: string };

export function decideRetry(
  outcome: AttemptOutcome,
  attempt: number,
  method: string,
  policy: RetryPolicy,
  nowMs: number,
  random: () => number,
): RetryDecision {
  const safe = IDEMPOTENT.has(method.toUpperCase()) || policy.retryUnsafeMethods;
  const backoff = (what: string): RetryDecision => {
    const waitMs = backoffDelay(attempt, policy, random);
    return { retry: true, waitMs, reason: `backoff ${waitMs} ms after ${what}` };
  };
  let wanted: RetryDecision = { retry: false, note: null };
  if ('status' in outcome) {
    const { status } = outcome;
    if (status === 429 || status === 503) {
      const ra = parseRetryAfter(getHeader(outcome.headers, 'retry-after'), nowMs);
      if (ra !== null && ra > policy.maxRetryAfterMs) {
        return {
          retry: false,
          note: `The server asked to wait ${Math.ceil(ra / 1000)} s (Retry-After), longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s limit; not retried.`,
        };
      }
      wanted =
        ra !== null
          ? { retry: true, waitMs: ra, reason: `Retry-After: ${ra / 1000} s after ${status}` }
          : backoff(String(status));
    } else if (status >= 500 && status !== 501 && status !== 505 && safe) {
      wanted = backoff(String(status));
    }
  } else {
    const code = outcome.errorCode;
    if (RETRYABLE_NETWORK_CODES.has(code) && (safe || code === 'ECONNREFUSED')) wanted = backoff(code);
  }
  if (!wanted.retry) return wanted;
  if (attempt >= policy.maxAttempts) {
    return policy.maxAttempts > 1
      ? { retry: false, note: `Gave up after ${attempt} attempts.` }
      : { retry: false, note: null };
  }
  return wanted;
}

export const cancelled = () =>
  new LatchError('ERR_CANCELLED', 'The request was cancelled.', { detail: { cause: 'ERR_CANCELLED' } });

/** setTimeout as a promise that an AbortSignal ends early with ERR_CANCELLED. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
