import type { ResponseCookie } from '../http/cookies';
import { getHeader, type Header } from '../http/wire';
import type { AuditCheck } from '../model/audit-report';
import { check, skipped } from './check';

export type AnswerKind = 'json' | 'html' | 'other';

/** What the answer is, by its Content-Type, else by a look at the body's first characters. */
export function answerKind(headers: readonly Header[], bodyStart: string): AnswerKind {
  const type = (getHeader(headers, 'content-type') ?? '').toLowerCase();
  if (/[/+]json\b/.test(type)) return 'json';
  if (/text\/html|application\/xhtml/.test(type)) return 'html';
  const s = bodyStart.trimStart().slice(0, 20).toLowerCase();
  if (s.startsWith('{') || s.startsWith('[')) return 'json';
  if (s.startsWith('<!doctype html') || s.startsWith('<html')) return 'html';
  return 'other';
}

export interface HeaderFacts {
  headers: readonly Header[];
  kind: AnswerKind;
  /** The answer was to a request carrying the credential, and it succeeded. */
  authenticated: boolean;
}

export function headerChecks(f: HeaderFacts): AuditCheck[] {
  const get = (n: string) => getHeader(f.headers, n);
  const out: AuditCheck[] = [contentTypeCheck(get('content-type'), f.kind)];
  const xcto = get('x-content-type-options');
  out.push(
    xcto?.trim().toLowerCase() === 'nosniff'
      ? check(
          'headers.x-content-type-options',
          'X-Content-Type-Options',
          'pass',
          'medium',
          'X-Content-Type-Options: nosniff is set.',
          null,
          { value: xcto },
        )
      : check(
          'headers.x-content-type-options',
          'X-Content-Type-Options',
          'warn',
          'medium',
          'X-Content-Type-Options: nosniff is missing, so a browser may guess the type of an answer and run it as HTML or script.',
          'Send X-Content-Type-Options: nosniff on every answer.',
          { value: xcto },
        ),
  );
  const cache = get('cache-control');
  if (!f.authenticated) {
    out.push(skipped('headers.cache-control', 'Cache-Control', 'Not checked: no authenticated answer to look at.'));
  } else if (cache && /no-store|private/i.test(cache)) {
    out.push(
      check(
        'headers.cache-control',
        'Cache-Control',
        'pass',
        'medium',
        `The authenticated answer says Cache-Control: ${cache}, so shared caches do not keep it.`,
        null,
        { value: cache },
      ),
    );
  } else {
    out.push(
      check(
        'headers.cache-control',
        'Cache-Control',
        'warn',
        'medium',
        cache
          ? `The authenticated answer says Cache-Control: ${cache}, which lets a shared cache keep one user's data.`
          : 'The authenticated answer has no Cache-Control, so a proxy or CDN may keep one user’s data and serve it to another.',
        'Send Cache-Control: no-store (or private) on answers that depend on the credential.',
        { value: cache },
      ),
    );
  }
  const acao = get('access-control-allow-origin');
  const acac = get('access-control-allow-credentials');
  if (acao === undefined) {
    out.push(
      check(
        'headers.cors',
        'CORS',
        'pass',
        'medium',
        'The answer does not open itself to other origins (no Access-Control-Allow-Origin).',
      ),
    );
  } else if (acao.trim() === '*' && (acac?.trim().toLowerCase() === 'true' || f.authenticated)) {
    out.push(
      check(
        'headers.cors',
        'CORS',
        acac?.trim().toLowerCase() === 'true' ? 'fail' : 'warn',
        'high',
        'Access-Control-Allow-Origin: * is sent on an authenticated answer, so any web site may read it from a signed-in browser.',
        'Name the allowed origins one by one instead of *, and allow credentials only for them.',
        { 'access-control-allow-origin': acao, 'access-control-allow-credentials': acac },
      ),
    );
  } else {
    out.push(
      check('headers.cors', 'CORS', 'pass', 'medium', `Access-Control-Allow-Origin is ${acao}.`, null, {
        'access-control-allow-origin': acao,
      }),
    );
  }
  out.push(...browserHeaderChecks(f));
  return out;
}

function contentTypeCheck(value: string | undefined, kind: AnswerKind): AuditCheck {
  const id = 'headers.content-type';
  if (value === undefined)
    return check(
      id,
      'Content-Type',
      'warn',
      'medium',
      'The answer has no Content-Type, so clients and browsers must guess what it is.',
      'Send the exact media type, e.g. Content-Type: application/json; charset=utf-8.',
    );
  const lower = value.toLowerCase();
  if (kind === 'json' && !/[/+]json\b/.test(lower))
    return check(
      id,
      'Content-Type',
      'fail',
      'high',
      `The answer is JSON but is labelled ${value}, which a browser may render as a page.`,
      'Label JSON answers Content-Type: application/json; charset=utf-8.',
      { value },
    );
  if (!/charset=/.test(lower) && (kind !== 'other' || lower.startsWith('text/')))
    return check(
      id,
      'Content-Type',
      'warn',
      'low',
      `Content-Type is ${value} without a charset, so a client may decode the text with the wrong encoding.`,
      `Add the charset: ${value}; charset=utf-8.`,
      { value },
    );
  return check(id, 'Content-Type', 'pass', 'medium', `Content-Type is ${value}.`, null, { value });
}

const BROWSER_HEADERS = [
  {
    id: 'headers.x-frame-options',
    name: 'X-Frame-Options',
    missing:
      'The page has neither X-Frame-Options nor a CSP frame-ancestors rule, so another site can frame it and trick clicks (clickjacking).',
    fix: "Send X-Frame-Options: DENY, or Content-Security-Policy: frame-ancestors 'none'.",
  },
  {
    id: 'headers.content-security-policy',
    name: 'Content-Security-Policy',
    missing: 'The page has no Content-Security-Policy, so an injected script runs with nothing to stop it.',
    fix: "Send a Content-Security-Policy, starting from default-src 'self'.",
  },
  {
    id: 'headers.referrer-policy',
    name: 'Referrer-Policy',
    missing: 'The page has no Referrer-Policy, so its full address may leak to other sites in the Referer header.',
    fix: 'Send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer).',
  },
] as const;

/** Browser-only protections matter for pages a browser renders, not for JSON an API client reads. */
function browserHeaderChecks(f: HeaderFacts): AuditCheck[] {
  return BROWSER_HEADERS.map((h) => {
    if (f.kind !== 'html')
      return skipped(
        h.id,
        h.name,
        `Not needed: the answer is ${f.kind === 'json' ? 'JSON' : 'not an HTML page'}, which browsers do not render as a page.`,
      );
    let value = getHeader(f.headers, h.name);
    if (value === undefined && h.name === 'X-Frame-Options') {
      const csp = getHeader(f.headers, 'content-security-policy');
      if (csp && /frame-ancestors/i.test(csp)) value = csp;
    }
    return value === undefined
      ? check(h.id, h.name, 'warn', 'medium', h.missing, h.fix)
      : check(h.id, h.name, 'pass', 'medium', `${h.name} is set.`, null, { value });
  });
}

/** Secure, HttpOnly and SameSite on every Set-Cookie; values are never kept, only names. */
export function cookieChecks(cookies: readonly ResponseCookie[]): AuditCheck[] {
  if (cookies.length === 0)
    return [
      skipped('cookies.secure', 'Secure cookies', 'The answer sets no cookies.'),
      skipped('cookies.httponly', 'HttpOnly cookies', 'The answer sets no cookies.'),
      skipped('cookies.samesite', 'SameSite cookies', 'The answer sets no cookies.'),
    ];
  const names = (cs: readonly ResponseCookie[]) => cs.map((c) => c.name).join(', ');
  const notSecure = cookies.filter((c) => !c.secure);
  const notHttpOnly = cookies.filter((c) => !c.httpOnly);
  const noSameSite = cookies.filter((c) => !c.sameSite || (c.sameSite.toLowerCase() === 'none' && !c.secure));
  return [
    notSecure.length === 0
      ? check('cookies.secure', 'Secure cookies', 'pass', 'high', 'Every cookie is marked Secure.', null, {
          cookies: names(cookies),
        })
      : check(
          'cookies.secure',
          'Secure cookies',
          'fail',
          'high',
          `Cookie ${names(notSecure)} lacks Secure, so a browser also sends it over plain HTTP where anyone on the network can read it.`,
          'Add Secure to every Set-Cookie.',
          { cookies: names(notSecure) },
        ),
    notHttpOnly.length === 0
      ? check('cookies.httponly', 'HttpOnly cookies', 'pass', 'medium', 'Every cookie is marked HttpOnly.', null, {
          cookies: names(cookies),
        })
      : check(
          'cookies.httponly',
          'HttpOnly cookies',
          'warn',
          'medium',
          `Cookie ${names(notHttpOnly)} lacks HttpOnly, so a script injected in a page can read it.`,
          'Add HttpOnly to every cookie scripts do not need.',
          { cookies: names(notHttpOnly) },
        ),
    noSameSite.length === 0
      ? check('cookies.samesite', 'SameSite cookies', 'pass', 'medium', 'Every cookie says SameSite.', null, {
          cookies: names(cookies),
        })
      : check(
          'cookies.samesite',
          'SameSite cookies',
          'warn',
          'medium',
          `Cookie ${names(noSameSite)} has no usable SameSite, so other sites' requests carry it (cross-site request forgery).`,
          'Add SameSite=Lax (or Strict); SameSite=None needs Secure.',
          { cookies: names(noSameSite) },
        ),
  ];
}

/** The server's Date against this computer's clock; TOTP allows 30 s, SigV4 5 min. */
export function clockCheck(dateHeader: string | undefined, sentAtMs: number, receivedAtMs: number): AuditCheck {
  const title = 'Server clock';
  const parsed = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  if (Number.isNaN(parsed))
    return check(
      'clock.skew',
      title,
      'warn',
      'low',
      'The answer has no readable Date header, so clock skew cannot be measured.',
      'Send a Date header (RFC 9110 requires it from servers with a clock).',
    );
  // Date has one-second resolution and is stamped while the request was in flight: compare against that window.
  const skew =
    parsed < sentAtMs - 1000 ? parsed - (sentAtMs - 1000) : parsed > receivedAtMs ? parsed - receivedAtMs : 0;
  const s = Math.round(Math.abs(skew) / 1000);
  const where = `${s} s ${skew > 0 ? 'ahead of' : 'behind'} this computer`;
  const evidence = { date: dateHeader, skewSeconds: Math.round(skew / 1000) };
  if (Math.abs(skew) >= 300_000)
    return check(
      'clock.skew',
      title,
      'fail',
      'high',
      `The server clock is ${where}: SigV4 signatures, JWTs and TOTP codes will be refused.`,
      'Synchronise the server (or this computer) with NTP.',
      evidence,
    );
  if (Math.abs(skew) > 30_000)
    return check(
      'clock.skew',
      title,
      'warn',
      'medium',
      `The server clock is ${where}: TOTP codes and short-lived JWTs may be refused.`,
      'Synchronise the server (or this computer) with NTP.',
      evidence,
    );
  return check('clock.skew', title, 'pass', 'medium', 'The server clock agrees with this computer.', null, evidence);
}
