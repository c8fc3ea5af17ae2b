import { explainChallenge } from '../http/audit';
import { parseWwwAuthenticate } from '../http/www-authenticate';
import type { AuditCheck } from '../model/audit-report';
import { check, skipped } from './check';
import { accepted, describe, type ProbeOutcome, refused } from './probe-outcome';

export interface AuthOutcomes {
  withCredential: ProbeOutcome | null;
  withoutCredential: ProbeOutcome | null;
  wrongCredential: ProbeOutcome | null;
  /** Null when the credential kind has no query form or the probe was not sent. */
  inQuery: ProbeOutcome | null;
  queryParam: string | null;
  /** The credential is configured to travel in the query string already. */
  configuredInQuery: boolean;
}

/** Why an authentication check could not run, when the credential was never sent. */
export function authSkipped(why: string): AuditCheck[] {
  return [
    skipped('authentication.credential-accepted', 'Credential accepted', why),
    skipped('authentication.without-credential', 'Refused without the credential', why),
    skipped('authentication.wrong-credential', 'Refused with a wrong credential', why),
    skipped('authentication.challenge', 'WWW-Authenticate challenge', why),
    skipped('authentication.query-string', 'Credential in the query string', why),
  ];
}

export function authChecks(o: AuthOutcomes): AuditCheck[] {
  const out: AuditCheck[] = [];
  const w = o.withCredential;
  out.push(
    w === null
      ? skipped('authentication.credential-accepted', 'Credential accepted', 'The request budget ran out first.')
      : accepted(w)
        ? check(
            'authentication.credential-accepted',
            'Credential accepted',
            'pass',
            'info',
            `The server accepted the credential (${describe(w)}).`,
            null,
            { status: describe(w) },
          )
        : check(
            'authentication.credential-accepted',
            'Credential accepted',
            'warn',
            'medium',
            `The server did not accept the credential (${describe(w)}), so the checks below compare refusals with a refusal.`,
            'Check that the credential is current and meant for this URL.',
            { status: describe(w) },
          ),
  );
  const n = o.withoutCredential;
  out.push(
    n === null
      ? skipped(
          'authentication.without-credential',
          'Refused without the credential',
          'The request budget ran out first.',
        )
      : refused(n)
        ? check(
            'authentication.without-credential',
            'Refused without the credential',
            'pass',
            'high',
            `Without the credential the server refused the request (${describe(n)}).`,
            null,
            { status: describe(n) },
          )
        : accepted(n)
          ? check(
              'authentication.without-credential',
              'Refused without the credential',
              'fail',
              'high',
              `Without the credential the server still answered ${describe(n)}: the resource is not protected.`,
              'Require authentication on this endpoint and answer 401 without it.',
              { status: describe(n) },
            )
          : check(
              'authentication.without-credential',
              'Refused without the credential',
              'warn',
              'medium',
              `Without the credential the server answered ${describe(n)} rather than 401 or 403.`,
              'Answer 401 (with WWW-Authenticate) when the credential is missing.',
              { status: describe(n) },
            ),
  );
  const x = o.wrongCredential;
  out.push(
    x === null
      ? skipped(
          'authentication.wrong-credential',
          'Refused with a wrong credential',
          'This credential kind cannot be altered by one byte without breaking its format, or the budget ran out.',
        )
      : refused(x)
        ? check(
            'authentication.wrong-credential',
            'Refused with a wrong credential',
            'pass',
            'high',
            `With one byte of the credential changed the server refused the request (${describe(x)}).`,
            null,
            { status: describe(x) },
          )
        : accepted(x)
          ? check(
              'authentication.wrong-credential',
              'Refused with a wrong credential',
              'fail',
              'high',
              `With one byte of the credential changed the server still answered ${describe(x)}: it does not verify the credential.`,
              'Verify the whole credential (signature, secret) on every request.',
              { status: describe(x) },
            )
          : check(
              'authentication.wrong-credential',
              'Refused with a wrong credential',
              'warn',
              'medium',
              `With a wrong credential the server answered ${describe(x)} rather than 401 or 403.`,
              'Answer 401 when the credential is wrong.',
              { status: describe(x) },
            ),
  );
  out.push(challengeCheck(n));
  out.push(queryCheck(o));
  return out;
}

function challengeCheck(n: ProbeOutcome | null): AuditCheck {
  const title = 'WWW-Authenticate challenge';
  if (!n?.ok || n.status !== 401)
    return skipped('authentication.challenge', title, 'There was no 401 answer to read a challenge from.');
  const values = n.headers.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value);
  const challenges = parseWwwAuthenticate(values);
  if (challenges.length === 0)
    return check(
      'authentication.challenge',
      title,
      'warn',
      'low',
      'The 401 answer has no WWW-Authenticate header, so clients cannot tell which scheme the server wants.',
      'Send WWW-Authenticate with the scheme (e.g. Bearer realm="api") on every 401 (RFC 9110 §11.6.1).',
    );
  return check('authentication.challenge', title, 'pass', 'low', challenges.map(explainChallenge).join(' '), null, {
    'www-authenticate': values.join(', '),
  });
}

function queryCheck(o: AuthOutcomes): AuditCheck {
  const title = 'Credential in the query string';
  if (o.configuredInQuery)
    return check(
      'authentication.query-string',
      title,
      'warn',
      'medium',
      'The credential is sent in the query string, where proxies, servers and browser history log it.',
      'Send the credential in a header (Authorization or a named header) instead.',
    );
  if (o.inQuery === null)
    return skipped(
      'authentication.query-string',
      title,
      'This credential kind has no query-string form, or the budget ran out.',
    );
  if (refused(o.withoutCredential) && accepted(o.inQuery))
    return check(
      'authentication.query-string',
      title,
      'warn',
      'medium',
      `The server also accepts the credential as ?${o.queryParam}= in the URL, where proxies and logs keep it.`,
      'Refuse credentials in the query string; accept them in headers only.',
      { status: describe(o.inQuery), param: o.queryParam },
    );
  return check(
    'authentication.query-string',
    title,
    'pass',
    'medium',
    `The server does not accept the credential as ?${o.queryParam}= in the URL (${describe(o.inQuery)}).`,
    null,
    { status: describe(o.inQuery), param: o.queryParam },
  );
}
