import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyOptions, jwtVerify } from 'jose';
import { type Clock, systemClock } from '../platform';
import { decodeJwt, normaliseToken } from './decode';
import {
  ASYMMETRIC_JWT_ALGS,
  algorithmsForKey,
  type JwtAlgorithm,
  type JwtKeyInput,
  parseJwkText,
  publicKeyFrom,
} from './keys';
import { fromJoseError, jwtError } from './reasons';

export interface VerifyJwtOptions {
  key: JwtKeyInput;
  /** Narrow the accepted algorithms further; by default, every algorithm the key can serve. */
  algorithms?: JwtAlgorithm[];
  issuer?: string | string[];
  audience?: string | string[];
  subject?: string;
  /** Seconds of clock skew accepted on exp/nbf. Default 0. */
  clockToleranceSeconds?: number;
  clock?: Clock;
  /** Timeout for fetching a JWKS URL. Default 5000 ms. */
  jwksTimeoutMs?: number;
}

export interface VerifiedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  alg: string;
  kid: string | null;
  expiresAt: number | null;
}

// Remote key sets are cached per URL like jose intends (rate-limited refetch on unknown kid).
const remoteSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function remoteSet(url: string, timeoutDuration: number): ReturnType<typeof createRemoteJWKSet> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw jwtError('bad-key', 'The JWKS URL is not a valid URL.');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw jwtError('bad-key', 'The JWKS URL must be http(s).');
  const cacheKey = `${u.href}#${timeoutDuration}`;
  let set = remoteSets.get(cacheKey);
  if (!set) {
    set = createRemoteJWKSet(u, { timeoutDuration });
    remoteSets.set(cacheKey, set);
  }
  return set;
}

/** Forget cached JWKS (after a key rotation the user wants picked up now). */
export function clearJwksCache(): void {
  remoteSets.clear();
}

/**
 * Verifies signature and time claims. Throws LatchError('ERR_JWT_INVALID') with
 * detail.reason (see JwtFailureReason); ERR_BAD_INPUT when the key itself is unusable.
 */
export async function verifyJwt(token: string, options: VerifyJwtOptions): Promise<VerifiedJwt> {
  const t = normaliseToken(token);
  // Decoding first gives precise "malformed" reasons before any key work.
  const decoded = decodeJwt(t);
  const tokenAlg = String(decoded.header.alg);
  if (tokenAlg === 'none') throw jwtError('wrong-alg', 'The token is unsigned (alg "none"); Latch never accepts it.');
  const clock = options.clock ?? systemClock;
  const base: JWTVerifyOptions = {
    currentDate: new Date(clock.now()),
    clockTolerance: options.clockToleranceSeconds ?? 0,
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
    ...(options.subject !== undefined ? { subject: options.subject } : {}),
  };
  const narrow = (algs: readonly JwtAlgorithm[]): JwtAlgorithm[] =>
    options.algorithms ? algs.filter((a) => options.algorithms?.includes(a)) : [...algs];

  try {
    const { key } = options;
    if (key.kind === 'jwks') {
      const set = remoteSet(key.url, options.jwksTimeoutMs ?? 5000);
      const r = await jwtVerify(t, set, { ...base, algorithms: narrow(ASYMMETRIC_JWT_ALGS) });
      return result(r.protectedHeader, r.payload);
    }
    if (key.kind === 'jwk') {
      const jwk = parseJwkText(key.jwk);
      if (Array.isArray(jwk.keys)) {
        const set = createLocalJWKSet(jwk as unknown as Parameters<typeof createLocalJWKSet>[0]);
        const r = await jwtVerify(t, set, { ...base, algorithms: narrow(ASYMMETRIC_JWT_ALGS) });
        return result(r.protectedHeader, r.payload);
      }
    }
    const keyObject = publicKeyFrom(key);
    let algs = narrow(algorithmsForKey(keyObject));
    if (key.kind === 'jwk') {
      const jwk = parseJwkText(key.jwk);
      if (typeof jwk.alg === 'string') algs = algs.filter((a) => a === jwk.alg);
    }
    if (!algs.includes(tokenAlg as JwtAlgorithm)) {
      throw jwtError(
        'wrong-alg',
        `The token is signed with ${tokenAlg}, which this key cannot verify (it serves ${algs.join(', ') || 'no JWT algorithm'}).`,
        { alg: tokenAlg },
      );
    }
    const r = await jwtVerify(t, keyObject, { ...base, algorithms: algs });
    return result(r.protectedHeader, r.payload);
  } catch (e) {
    throw fromJoseError(e);
  }
}

function result(header: object, payload: object): VerifiedJwt {
  const h = header as Record<string, unknown>;
  const c = payload as Record<string, unknown>;
  return {
    header: h,
    claims: c,
    alg: String(h.alg),
    kid: typeof h.kid === 'string' ? h.kid : null,
    expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : null,
  };
}
