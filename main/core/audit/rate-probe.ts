import { readRateLimit } from '../http/audit';
import type { Header } from '../http/wire';
import type { AuditCheck } from '../model/audit-report';
import type { Clock } from '../platform';
import { check, skipped } from './check';
import type { ProbeOutcome } from './probe-outcome';

export interface RateProbeOptions {
  /** Wall-clock limit for the whole probe. */
  timeLimitMs: number;
  /** The steady gap between two probe requests. */
  intervalMs: number;
}

const LIMIT_HEADER = /^(x-)?rate-?limit|^retry-after$/i;

function limitEvidence(headers: readonly Header[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers) if (LIMIT_HEADER.test(h.name)) out[h.name.toLowerCase()] = h.value;
  return out;
}

/** Whether ordinary answers tell clients their limit before they hit it. */
export function limitHeadersCheck(headers: readonly Header[] | null, nowMs: number): AuditCheck {
  const title = 'Rate-limit headers';
  if (headers === null) return skipped('rate-limit.headers', title, 'There was no answer to read.');
  const info = readRateLimit(headers, nowMs);
  if (info === null)
    return check(
      'rate-limit.headers',
      title,
      'warn',
      'low',
      'The answer carries no rate-limit headers, so clients learn the limit only from 429 answers.',
      'Send RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (or the X-RateLimit-* equivalents).',
    );
  return check(
    'rate-limit.headers',
    title,
    'pass',
    'low',
    `The answer announces its limit (${info.sources.join(', ')}).`,
    null,
    limitEvidence(headers),
  );
}

/**
 * Sends at a steady pace until the first 429, the request budget (send returns null) or the
 * time limit, whichever comes first. Never sends in parallel, so the count is exact.
 */
export async function rateProbe(
  send: () => Promise<ProbeOutcome | null>,
  options: RateProbeOptions,
  clock: Clock,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<AuditCheck> {
  const title = 'Rate limit';
  const start = clock.now();
  let sent = 0;
  for (;;) {
    const o = await send();
    if (o === null) break;
    sent++;
    const seconds = ((clock.now() - start) / 1000).toFixed(1);
    if (o.ok && o.status === 429) {
      const ev = { requests: sent, seconds, ...limitEvidence(o.headers) };
      return check(
        'rate-limit.probe',
        title,
        'pass',
        'medium',
        `The server answered 429 at request ${sent} of the probe, after ${seconds} s at a steady pace: it enforces a rate limit.`,
        null,
        ev,
      );
    }
    if (!o.ok)
      return check(
        'rate-limit.probe',
        title,
        'warn',
        'low',
        `The probe stopped at request ${sent}: ${o.error}.`,
        null,
        { requests: sent, seconds },
      );
    if (clock.now() - start + options.intervalMs > options.timeLimitMs) break;
    await sleep(options.intervalMs, signal);
  }
  const seconds = ((clock.now() - start) / 1000).toFixed(1);
  return check(
    'rate-limit.probe',
    title,
    'warn',
    'low',
    `No limit was met in ${sent} probe requests over ${seconds} s; the limit may be higher than the probe went, or missing.`,
    'Limit requests per credential and answer 429 with Retry-After when the limit is passed.',
    { requests: sent, seconds },
  );
}
