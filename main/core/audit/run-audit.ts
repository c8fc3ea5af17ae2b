import type { RequestAuth } from '../http/auth/apply';
import { cookiesFrom } from '../http/cookies';
import type { HttpEngine } from '../http/engine';
import { getHeader } from '../http/wire';
import { AUDIT_REPORT_SCHEMA, type AuditCheck, type AuditReport } from '../model/audit-report';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { authChecks, authSkipped } from './auth-checks';
import { skipped, summarise } from './check';
import { credentialChecks } from './credential-checks';
import { queryVariant, secretValues, wrongCredential } from './credential-variants';
import { answerKind, clockCheck, cookieChecks, headerChecks } from './header-checks';
import type { ProbeOutcome } from './probe-outcome';
import { limitHeadersCheck, rateProbe } from './rate-probe';
import { scrubReport } from './scrub';
import type { TlsFacts, TlsProbe } from './tls-probe';
import { hstsCheck, isLoopback, plainHttpCheck, tlsChecks } from './transport-checks';

export const DEFAULT_MAX_REQUESTS = 20;
export const MAX_MAX_REQUESTS = 1000;

export interface AuditOptions {
  url: string;
  auth: RequestAuth | null;
  /** latch://service/credential, for the report; never the secret. */
  reference: string | null;
  /** Every request the audit sends to the target counts, the rate probe's included. */
  maxRequests?: number;
  rateProbe?: boolean;
  rateProbeTimeLimitMs?: number;
  rateProbeIntervalMs?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface AuditDeps {
  engine: HttpEngine;
  clock: Clock;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  probeTls: TlsProbe;
  version: string;
  /**
   * The host decision (the app's, shared with the request tester): throws when the credential may
   * not go to this URL. Taken once, before the credential first leaves; every request that carries
   * any of it (the wrong-by-one-byte and query-string variants included) goes to this same URL.
   */
  mayGo: (target: URL) => void;
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The audit target is not a URL; give one such as https://api.example.com/v1/me.',
      { detail: { field: 'url' } },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LatchError('ERR_BAD_INPUT', `Only http(s) URLs can be audited, not ${url.protocol}.`, {
      detail: { field: 'url' },
    });
  if (url.username || url.password)
    throw new LatchError('ERR_BAD_INPUT', 'Put the credential in the vault, not in the URL (user:password@host).', {
      detail: { field: 'url' },
    });
  return url;
}

/** Query values whose names suggest a secret are replaced, so a report never carries one the user typed. */
export function redactTarget(url: URL): string {
  const u = new URL(url.href);
  for (const [name] of [...u.searchParams]) {
    if (/key|token|secret|sig|pass|auth|code|session/i.test(name)) u.searchParams.set(name, '[redacted]');
  }
  return u.href;
}

/** Runs every check against one URL; sends at most maxRequests requests, all to that URL's host, none redirected. */
export async function runAudit(o: AuditOptions, deps: AuditDeps): Promise<AuditReport> {
  const { clock, engine } = deps;
  const url = parseTarget(o.url);
  const maxRequests = o.maxRequests ?? DEFAULT_MAX_REQUESTS;
  if (!Number.isInteger(maxRequests) || maxRequests < 1 || maxRequests > MAX_MAX_REQUESTS)
    throw new LatchError('ERR_BAD_INPUT', `The request budget must be a whole number from 1 to ${MAX_MAX_REQUESTS}.`, {
      detail: { field: 'maxRequests' },
    });
  const started = clock.now();
  const checks: AuditCheck[] = [];
  const https = url.protocol === 'https:';

  checks.push(plainHttpCheck(url, o.auth !== null));
  let tls: TlsFacts | null = null;
  if (https) {
    tls = await deps.probeTls(url, o.requestTimeoutMs ?? 15_000);
    checks.push(...tlsChecks(tls, clock.now()));
  }
  // The credential goes only where nobody in between can read it or impersonate the server.
  const credentialSafe = https ? tls?.trusted === true : isLoopback(url);
  const auth = credentialSafe ? o.auth : null;
  if (auth !== null) deps.mayGo(url);

  let sent = 0;
  const send = async (target: URL, with_: RequestAuth | null): Promise<ProbeOutcome | null> => {
    if (sent >= maxRequests) return null;
    if (o.signal?.aborted) return null;
    sent++;
    const sentAtMs = clock.now();
    try {
      const r = await engine.send(
        {
          method: 'GET',
          url: target.href,
          followRedirects: false,
          verifyTls: https && tls?.trusted === true,
          timeoutMs: o.requestTimeoutMs ?? 15_000,
          maxBodyBytes: 64 * 1024,
        },
        { ...(with_ ? { auth: with_ } : {}), retry: { maxAttempts: 1 }, ...(o.signal ? { signal: o.signal } : {}) },
      );
      const bodyStart = r.body.kind === 'text' ? r.body.text.slice(0, 64) : '';
      return { ok: true, status: r.status, headers: r.headers, bodyStart, sentAtMs, receivedAtMs: clock.now() };
    } catch (e) {
      return { ok: false, error: e instanceof LatchError ? e.message : 'the request failed' };
    }
  };

  const main = await send(url, auth);
  if (o.auth === null) {
    checks.push(...authSkipped('No credential was given; run the audit with one to check authentication.'));
  } else if (auth === null) {
    checks.push(...authSkipped('The credential was not sent: the connection is not safe for it (see Transport).'));
  } else {
    const wrong = wrongCredential(auth);
    const q = queryVariant(auth);
    const withoutCredential = await send(url, null);
    const wrongCredentialOutcome = wrong ? await send(url, wrong) : null;
    let inQuery: ProbeOutcome | null = null;
    if (q) {
      const u = new URL(url.href);
      u.searchParams.set(q.param, q.value);
      inQuery = await send(u, null);
    }
    checks.push(
      ...authChecks({
        withCredential: main,
        withoutCredential,
        wrongCredential: wrongCredentialOutcome,
        inQuery,
        queryParam: q?.param ?? null,
        configuredInQuery: auth.kind === 'api-key' && auth.fields.query !== undefined,
      }),
    );
  }
  checks.push(...credentialChecks(o.auth, clock.now()));

  const answer = main?.ok ? main : null;
  if (answer) {
    checks.push(hstsCheck(url, getHeader(answer.headers, 'strict-transport-security')));
    checks.push(
      ...headerChecks({
        headers: answer.headers,
        kind: answerKind(answer.headers, answer.bodyStart),
        authenticated: auth !== null && answer.status >= 200 && answer.status < 300,
      }),
    );
    checks.push(...cookieChecks(cookiesFrom(answer.headers)));
    checks.push(limitHeadersCheck(answer.headers, clock.now()));
    checks.push(clockCheck(getHeader(answer.headers, 'date'), answer.sentAtMs, answer.receivedAtMs));
  } else {
    const why =
      main === null ? 'The request budget ran out first.' : `The request failed: ${main.ok ? '' : main.error}`;
    checks.push(skipped('headers.content-type', 'Headers', why), skipped('clock.skew', 'Server clock', why));
  }

  if (o.rateProbe === true) {
    checks.push(
      await rateProbe(
        () => send(url, auth),
        { timeLimitMs: o.rateProbeTimeLimitMs ?? 30_000, intervalMs: o.rateProbeIntervalMs ?? 200 },
        clock,
        deps.sleep,
        o.signal,
      ),
    );
  } else {
    checks.push(
      skipped(
        'rate-limit.probe',
        'Rate limit',
        'The rate-limit probe is off (it sends up to the request budget; turn it on with --rate-probe).',
      ),
    );
  }

  const report: AuditReport = {
    schema: AUDIT_REPORT_SCHEMA,
    target: redactTarget(url),
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, clock.now() - started),
    latchVersion: deps.version,
    credential: o.auth && o.reference ? { reference: o.reference, kind: o.auth.kind } : null,
    requestsSent: sent,
    checks,
    summary: summarise(checks),
  };
  return scrubReport(report, secretValues(o.auth));
}
