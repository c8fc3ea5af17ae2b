import { answerKind, cookieChecks, headerChecks } from '../audit/header-checks';
import { hstsCheck } from '../audit/transport-checks';
import type { Clock } from '../platform';
import { cookiesFrom } from './cookies';
import { parseRetryAfter } from './retry';
import type { TlsInfo } from './transmit';
import { getHeader, type Header } from './wire';
import { type AuthChallenge, parseWwwAuthenticate } from './www-authenticate';

export interface AuditInput {
  url: string;
  status: number;
  headers: readonly Header[];
  tls: TlsInfo | null;
  /** Local clock ms when the response arrived (HttpResponse.receivedAt). */
  receivedAt?: number;
}

export type FindingLevel = 'ok' | 'info' | 'warn' | 'bad';
export interface Finding {
  level: FindingLevel;
  text: string;
}

export interface SecurityHeaderCheck {
  name: string;
  present: boolean;
  value: string | null;
  /** What it does, or why its absence matters. */
  note: string;
}

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Unix ms when the window resets, when the server says. */
  resetAt: number | null;
  /** Ms to wait per Retry-After. */
  retryAfterMs: number | null;
  /** The header names this was read from. */
  sources: string[];
}

export interface ExplainedChallenge extends AuthChallenge {
  explanation: string;
}

export interface CertificateAudit {
  subject: string;
  issuer: string;
  validTo: string;
  expiresAt: number;
  daysLeft: number;
  expired: boolean;
  trusted: boolean;
  trustError: string | null;
  protocol: string | null;
}

export interface ResponseAudit {
  https: boolean;
  certificate: CertificateAudit | null;
  securityHeaders: SecurityHeaderCheck[];
  rateLimit: RateLimitInfo | null;
  challenges: ExplainedChallenge[];
  serverDate: number | null;
  /** Server Date minus local clock, ms; positive means the server is ahead. */
  clockOffsetMs: number | null;
  findings: Finding[];
}

const SECURITY_HEADERS: { name: string; note: string }[] = [
  { name: 'Strict-Transport-Security', note: 'Tells browsers to use HTTPS only for this host.' },
  { name: 'X-Content-Type-Options', note: 'With nosniff, browsers do not guess the content type of an answer.' },
  { name: 'X-Frame-Options', note: 'Stops other sites framing an HTML page (clickjacking); not needed for JSON.' },
  { name: 'Content-Security-Policy', note: 'Limits where an HTML page may load scripts from; not needed for JSON.' },
  { name: 'Referrer-Policy', note: 'Limits what an HTML page leaks in the Referer header; not needed for JSON.' },
];

const BEARER_ERRORS: Record<string, string> = {
  invalid_token:
    'the access token is expired, revoked, malformed or otherwise invalid: get a new one (refresh or sign in again)',
  invalid_request:
    'the request is malformed: a parameter is missing, repeated, or the token was sent in more than one way',
  insufficient_scope: 'the token is valid but lacks the scope this resource needs',
};

export function explainChallenge(c: AuthChallenge): string {
  const scheme = c.scheme.toLowerCase();
  const realm = c.params.realm ? ` for "${c.params.realm}"` : '';
  switch (scheme) {
    case 'basic':
      return `The server wants a username and password (Basic)${realm}.`;
    case 'digest': {
      const stale =
        c.params.stale?.toLowerCase() === 'true'
          ? ' The previous nonce went stale; the same password answers the new one.'
          : '';
      return `The server wants a username and password (Digest, ${c.params.algorithm ?? 'MD5'}, qop ${c.params.qop ?? 'none'})${realm}.${stale}`;
    }
    case 'bearer': {
      const err = c.params.error;
      if (!err) return `The server wants a bearer token${realm} (none was sent, or it was not accepted).`;
      const scope = c.params.scope ? ` Needed scope: ${c.params.scope}.` : '';
      const desc = c.params.error_description ? ` Server says: "${c.params.error_description}".` : '';
      return `Bearer token refused (${err}): ${BEARER_ERRORS[err] ?? 'see the server documentation'}.${scope}${desc}`;
    }
    case 'dpop':
      return `The server wants a DPoP-bound token${realm}; a plain bearer token is not enough.`;
    case 'negotiate':
      return 'The server wants Kerberos/SPNEGO (Negotiate) authentication.';
    case 'aws4-hmac-sha256':
      return 'The server wants an AWS Signature Version 4 signed request.';
    default:
      return `The server wants ${c.scheme} authentication${realm}.`;
  }
}

const num = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
};

/**
 * Reads the rate limit however the server spells it: X-RateLimit-* (GitHub and many
 * others; reset as epoch seconds or delta), RateLimit-* (IETF draft, reset as delta),
 * the structured RateLimit header, and Retry-After.
 */
export function readRateLimit(headers: readonly Header[], nowMs: number): RateLimitInfo | null {
  const sources: string[] = [];
  const get = (name: string) => {
    const v = getHeader(headers, name);
    if (v !== undefined) sources.push(name);
    return v;
  };
  let limit = num(get('X-RateLimit-Limit') ?? get('X-Rate-Limit-Limit'));
  let remaining = num(get('X-RateLimit-Remaining') ?? get('X-Rate-Limit-Remaining'));
  let resetAt: number | null = null;
  const xReset = num(get('X-RateLimit-Reset') ?? get('X-Rate-Limit-Reset'));
  if (xReset !== null) {
    // Heuristic: big numbers are epoch seconds (or ms); small ones are seconds from now.
    resetAt = xReset > 1e12 ? xReset : xReset > 1e9 ? xReset * 1000 : nowMs + xReset * 1000;
  }
  limit = num(get('RateLimit-Limit')) ?? limit;
  remaining = num(get('RateLimit-Remaining')) ?? remaining;
  const dReset = num(get('RateLimit-Reset'));
  if (dReset !== null) resetAt = nowMs + dReset * 1000;
  const structured = get('RateLimit');
  if (structured !== undefined) {
    // draft-ietf-httpapi-ratelimit-headers: either "limit=10, remaining=5, reset=30" or '"policy";r=5;t=30'.
    const param = (k: string) => num(new RegExp(`(?:^|[\\s,;])${k}=(\\d+)`).exec(structured)?.[1]);
    limit = param('limit') ?? limit;
    remaining = param('remaining') ?? param('r') ?? remaining;
    const t = param('reset') ?? param('t');
    if (t !== null) resetAt = nowMs + t * 1000;
  }
  const retryAfterMs = parseRetryAfter(get('Retry-After'), nowMs);
  if (sources.length === 0) return null;
  return { limit, remaining, resetAt, retryAfterMs, sources };
}

/** A pure look at a response: transport security, headers, limits, auth challenges, clock skew. */
export function auditResponse(input: AuditInput, clock: Clock): ResponseAudit {
  const now = input.receivedAt ?? clock.now();
  const findings: Finding[] = [];
  const https = input.url.startsWith('https:');
  if (!https)
    findings.push({ level: 'warn', text: 'Plain HTTP: the request and any credential in it travelled unencrypted.' });

  let certificate: CertificateAudit | null = null;
  const cert = input.tls?.certificate;
  if (input.tls && cert) {
    const daysLeft = Math.floor((cert.validToMs - now) / 86_400_000);
    certificate = {
      subject: cert.subject,
      issuer: cert.issuer,
      validTo: cert.validTo,
      expiresAt: cert.validToMs,
      daysLeft,
      expired: cert.validToMs <= now,
      trusted: input.tls.authorized,
      trustError: input.tls.authorizationError,
      protocol: input.tls.protocol,
    };
    if (certificate.expired) findings.push({ level: 'bad', text: `The certificate expired on ${cert.validTo}.` });
    else if (daysLeft < 14)
      findings.push({ level: 'warn', text: `The certificate expires in ${daysLeft} days (${cert.validTo}).` });
    if (!input.tls.authorized) {
      findings.push({
        level: 'bad',
        text: `The certificate is not trusted (${input.tls.authorizationError ?? 'unknown reason'}).`,
      });
    }
    if (input.tls.protocol === 'TLSv1' || input.tls.protocol === 'TLSv1.1') {
      findings.push({ level: 'warn', text: `${input.tls.protocol} is obsolete; servers should offer TLS 1.2 or 1.3.` });
    }
  }

  const securityHeaders = SECURITY_HEADERS.map(({ name, note }) => {
    const value = getHeader(input.headers, name) ?? null;
    return { name, present: value !== null, value, note };
  });
  // The same content-aware checks as `latch audit`: browser-only headers are asked of HTML pages only.
  const checks = [
    ...(URL.canParse(input.url)
      ? [hstsCheck(new URL(input.url), getHeader(input.headers, 'strict-transport-security'))]
      : []),
    ...headerChecks({ headers: input.headers, kind: answerKind(input.headers, ''), authenticated: false }),
    ...cookieChecks(cookiesFrom(input.headers)),
  ];
  for (const c of checks) {
    if (c.status !== 'warn' && c.status !== 'fail') continue;
    findings.push({
      level: c.status === 'fail' ? 'bad' : 'info',
      text: c.fix ? `${c.finding} Fix: ${c.fix}` : c.finding,
    });
  }
  if (!https && securityHeaders[0]?.present) {
    findings.push({ level: 'info', text: 'Strict-Transport-Security is ignored over plain HTTP.' });
  }

  const rateLimit = readRateLimit(input.headers, now);
  if (rateLimit?.remaining === 0) {
    findings.push({
      level: 'warn',
      text: `Rate limit used up${rateLimit.resetAt ? `; it resets at ${new Date(rateLimit.resetAt).toISOString()}` : ''}.`,
    });
  }

  const challenges = parseWwwAuthenticate(
    input.headers.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value),
  ).map((c) => ({ ...c, explanation: explainChallenge(c) }));
  for (const c of challenges) findings.push({ level: input.status === 401 ? 'warn' : 'info', text: c.explanation });

  const dateHeader = getHeader(input.headers, 'date');
  const parsed = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const serverDate = Number.isNaN(parsed) ? null : parsed;
  const clockOffsetMs = serverDate === null ? null : serverDate - now;
  // Date has one-second resolution and is stamped before sending: only large gaps mean anything.
  if (clockOffsetMs !== null && Math.abs(clockOffsetMs) > 30_000) {
    findings.push({
      level: 'warn',
      text: `The server clock is ${Math.round(Math.abs(clockOffsetMs) / 1000)} s ${clockOffsetMs > 0 ? 'ahead of' : 'behind'} this computer; signatures, JWTs and TOTP codes may be refused.`,
    });
  }
  return { https, certificate, securityHeaders, rateLimit, challenges, serverDate, clockOffsetMs, findings };
}
