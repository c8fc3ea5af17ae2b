import type { RequestAuth } from '../http/auth/apply';
import { decodeJwt } from '../jwt/decode';
import { type JwtAlgorithm, signingKeyFrom } from '../jwt/keys';
import type { AuditCheck } from '../model/audit-report';
import { check, skipped } from './check';

const DAY = 86_400_000;
/** RFC 7518 §3.2: an HMAC key at least as long as the hash output. */
const HS_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

/** The checks that look at the credential itself rather than at the server. */
export function credentialChecks(auth: RequestAuth | null, nowMs: number): AuditCheck[] {
  const oauth =
    auth?.kind === 'oauth2'
      ? oauthTokenCheck(auth.fields.tokens, auth.fields.scopes, nowMs)
      : skipped('authentication.oauth-token', 'OAuth token', 'Not an OAuth 2.0 credential.');
  return [oauth, jwtCheck(auth)];
}

function oauthTokenCheck(
  tokens: { expiresAt?: number | undefined; obtainedAt: number; scope?: string | undefined } | undefined,
  requested: string,
  nowMs: number,
): AuditCheck {
  const title = 'OAuth token lifetime and scopes';
  if (!tokens)
    return skipped('authentication.oauth-token', title, 'The OAuth credential holds no token yet; sign in first.');
  const scopes = tokens.scope ?? requested;
  const evidence = {
    scopes: scopes || '(none)',
    obtainedAt: new Date(tokens.obtainedAt).toISOString(),
    expiresAt: tokens.expiresAt ? new Date(tokens.expiresAt).toISOString() : null,
  };
  if (tokens.expiresAt === undefined)
    return check(
      'authentication.oauth-token',
      title,
      'warn',
      'medium',
      `The access token has no stated expiry, so a leaked copy may work for ever (scopes: ${scopes || 'none'}).`,
      'Issue access tokens that expire within an hour or so and refresh them.',
      evidence,
    );
  const lifetime = tokens.expiresAt - tokens.obtainedAt;
  const hours = Math.round(lifetime / 3_600_000);
  const left = Math.round((tokens.expiresAt - nowMs) / 60_000);
  if (lifetime > DAY)
    return check(
      'authentication.oauth-token',
      title,
      'warn',
      'medium',
      `The access token lives ${hours} hours, long for a bearer token (scopes: ${scopes || 'none'}).`,
      'Shorten the access token lifetime and rely on refresh tokens.',
      { ...evidence, lifetimeHours: hours },
    );
  return check(
    'authentication.oauth-token',
    title,
    'pass',
    'medium',
    `The access token lives ${hours < 1 ? `${Math.round(lifetime / 60_000)} minutes` : `${hours} hours`} (${left > 0 ? `${left} minutes left` : 'expired, refreshed on use'}); scopes: ${scopes || 'none'}.`,
    null,
    { ...evidence, lifetimeHours: hours },
  );
}

function jwtCheck(auth: RequestAuth | null): AuditCheck {
  const title = 'JWT algorithm';
  if (auth?.kind === 'jwt-signer') {
    const alg = auth.fields.algorithm;
    if (alg.startsWith('HS')) {
      const bytes = Buffer.byteLength(auth.fields.key, 'utf8');
      const min = HS_MIN_BYTES[alg] ?? 32;
      return bytes < min
        ? check(
            'authentication.jwt-algorithm',
            title,
            'fail',
            'high',
            `The tokens are signed with ${alg} and a ${bytes}-byte secret, short enough to guess offline from one token.`,
            `Use a random secret of at least ${min} bytes, or an asymmetric algorithm (ES256).`,
            { algorithm: alg, secretBytes: bytes },
          )
        : check(
            'authentication.jwt-algorithm',
            title,
            'pass',
            'high',
            `The tokens are signed with ${alg} and a ${bytes}-byte secret.`,
            null,
            { algorithm: alg, secretBytes: bytes },
          );
    }
    let bits: number | null = null;
    try {
      bits = signingKeyFrom(alg as JwtAlgorithm, auth.fields.key).asymmetricKeyDetails?.modulusLength ?? null;
    } catch {
      return check(
        'authentication.jwt-algorithm',
        title,
        'warn',
        'medium',
        `The ${alg} signing key could not be read.`,
        'Check the private key stored in the credential.',
        { algorithm: alg },
      );
    }
    if (bits !== null && bits < 2048)
      return check(
        'authentication.jwt-algorithm',
        title,
        'fail',
        'high',
        `The tokens are signed with ${alg} and a ${bits}-bit RSA key, which is too short to resist factoring.`,
        'Use an RSA key of 2048 bits or more, or ES256.',
        { algorithm: alg, keyBits: bits },
      );
    return check(
      'authentication.jwt-algorithm',
      title,
      'pass',
      'high',
      `The tokens are signed with ${alg}${bits ? ` and a ${bits}-bit key` : ''}.`,
      null,
      { algorithm: alg, keyBits: bits },
    );
  }
  const token =
    auth?.kind === 'bearer' ? auth.fields.token : auth?.kind === 'oauth2' ? auth.fields.tokens?.accessToken : undefined;
  if (token === undefined) return skipped('authentication.jwt-algorithm', title, 'The credential is not a JWT.');
  let alg: string;
  try {
    alg = String(decodeJwt(token).header.alg);
  } catch {
    return skipped('authentication.jwt-algorithm', title, 'The token is opaque (not a JWT).');
  }
  if (alg.toLowerCase() === 'none')
    return check(
      'authentication.jwt-algorithm',
      title,
      'fail',
      'high',
      'The token is an unsigned JWT (alg "none"): anyone can forge one.',
      'Sign tokens (ES256 or RS256) and make the server refuse alg "none".',
      { algorithm: alg },
    );
  return check('authentication.jwt-algorithm', title, 'pass', 'high', `The token is a JWT signed with ${alg}.`, null, {
    algorithm: alg,
  });
}
