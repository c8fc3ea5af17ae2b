import { SignJWT } from 'jose/jwt/sign';
import type { FieldsOf } from '../model/credential';
import { LatchError } from '../model/errors';
import { type Clock, systemClock } from '../platform';
import { parseExtraClaims } from './extra-claims';
import { type JwtAlgorithm, signingKeyFrom } from './keys';

export interface SignJwtOptions {
  algorithm: JwtAlgorithm;
  /** HS*: the secret as text, used byte for byte. Others: a PEM or JWK private key. */
  key: string;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  /** Seconds until exp. Default 300. */
  lifetimeSeconds?: number;
  keyId?: string;
  /** Extra claims; registered claims set above win over these. */
  claims?: Record<string, unknown>;
  /** Extra protected header parameters (alg and kid are set from the options). */
  header?: Record<string, unknown>;
  clock?: Clock;
}

export interface SignedJwt {
  token: string;
  /** Unix milliseconds. */
  issuedAt: number;
  expiresAt: number;
}

export async function signJwt(options: SignJwtOptions): Promise<SignedJwt> {
  const key = signingKeyFrom(options.algorithm, options.key);
  const now = Math.floor((options.clock ?? systemClock).now() / 1000);
  const lifetime = options.lifetimeSeconds ?? 300;
  if (!Number.isInteger(lifetime) || lifetime < 1) {
    throw new LatchError('ERR_BAD_INPUT', 'The lifetime must be a whole number of seconds, at least 1.', {
      detail: { field: 'lifetimeSeconds' },
    });
  }
  const claims = { ...(options.claims ?? {}) };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({
      ...(options.header ?? {}),
      alg: options.algorithm,
      typ: typeof options.header?.typ === 'string' ? options.header.typ : 'JWT',
      ...(options.keyId ? { kid: options.keyId } : {}),
    })
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.subject) jwt.setSubject(options.subject);
  if (options.audience !== undefined && options.audience !== '') jwt.setAudience(options.audience);
  try {
    const token = await jwt.sign(key);
    return { token, issuedAt: now * 1000, expiresAt: (now + lifetime) * 1000 };
  } catch {
    throw new LatchError('ERR_BAD_INPUT', `The key cannot sign ${options.algorithm} tokens.`, {
      detail: { field: 'key' },
    });
  }
}

/** Mints a token from a JWT signer credential's fields. */
export async function signWithJwtSigner(
  fields: FieldsOf<'jwt-signer'>,
  options: { clock?: Clock; claims?: Record<string, unknown> } = {},
): Promise<SignedJwt> {
  return signJwt({
    algorithm: fields.algorithm,
    key: fields.key,
    lifetimeSeconds: fields.lifetimeSeconds,
    claims: { ...parseExtraClaims(fields.claims), ...(options.claims ?? {}) },
    ...(fields.issuer ? { issuer: fields.issuer } : {}),
    ...(fields.subject ? { subject: fields.subject } : {}),
    ...(fields.audience ? { audience: fields.audience } : {}),
    ...(fields.keyId ? { keyId: fields.keyId } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
