import * as errors from 'jose/errors';
import { LatchError } from '../model/errors';

/**
 * Why a token was refused, as a stable code the UI and CLI can branch on.
 * Carried in LatchError('ERR_JWT_INVALID').detail.reason.
 */
export const JWT_FAILURE_REASONS = [
  'malformed',
  'expired',
  'not-yet-valid',
  'bad-signature',
  'wrong-alg',
  'no-matching-key',
  'claim-mismatch',
  'bad-key',
  'jwks-unreachable',
  'unsupported',
] as const;
export type JwtFailureReason = (typeof JWT_FAILURE_REASONS)[number];

export function jwtError(
  reason: JwtFailureReason,
  message: string,
  extra?: Record<string, string | number | boolean | null>,
  cause?: unknown,
): LatchError {
  return new LatchError('ERR_JWT_INVALID', message, { detail: { reason, ...extra }, cause });
}

/**
 * jose's messages are fine for developers but name internals; ours say what to do.
 * Claim values are not secrets (anyone holding the token can read them), so the
 * expiry time may be quoted.
 */
export function fromJoseError(e: unknown): LatchError {
  if (e instanceof LatchError) return e;
  if (e instanceof errors.JWTExpired) {
    const exp = typeof e.payload.exp === 'number' ? new Date(e.payload.exp * 1000).toISOString() : 'an earlier time';
    return jwtError('expired', `The token expired at ${exp}. Get a fresh token.`, { claim: 'exp' }, e);
  }
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf' && e.reason === 'check_failed') {
      const nbf = typeof e.payload.nbf === 'number' ? new Date(e.payload.nbf * 1000).toISOString() : 'a later time';
      return jwtError('not-yet-valid', `The token is not valid before ${nbf}. Check the clock.`, { claim: 'nbf' }, e);
    }
    if (e.claim === 'iat' && e.reason === 'check_failed') {
      return jwtError('not-yet-valid', 'The token was issued in the future. Check the clock.', { claim: 'iat' }, e);
    }
    return jwtError(
      'claim-mismatch',
      `The "${e.claim}" claim does not match what was expected (${e.reason}).`,
      { claim: e.claim, check: e.reason },
      e,
    );
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) {
    return jwtError(
      'bad-signature',
      'The signature does not match: the token was signed with another key, or altered.',
      undefined,
      e,
    );
  }
  if (e instanceof errors.JOSEAlgNotAllowed) {
    return jwtError(
      'wrong-alg',
      'The token\'s "alg" does not fit this key. Use a key of the algorithm the token names.',
      undefined,
      e,
    );
  }
  if (e instanceof errors.JWKSNoMatchingKey) {
    return jwtError('no-matching-key', 'No key in the key set matches the token\'s "kid" and "alg".', undefined, e);
  }
  if (e instanceof errors.JWKSMultipleMatchingKeys) {
    return jwtError(
      'no-matching-key',
      'Several keys in the key set match the token; it needs a "kid" to choose one.',
      undefined,
      e,
    );
  }
  if (e instanceof errors.JWKSTimeout) {
    return jwtError('jwks-unreachable', 'The JWKS URL did not answer in time.', undefined, e);
  }
  if (e instanceof errors.JWKSInvalid) {
    return jwtError('jwks-unreachable', 'The JWKS URL did not return a JSON Web Key Set.', undefined, e);
  }
  if (e instanceof errors.JWTInvalid || e instanceof errors.JWSInvalid) {
    return jwtError('malformed', 'The token is not a well-formed signed JWT.', undefined, e);
  }
  if (e instanceof errors.JOSENotSupported) {
    return jwtError('unsupported', 'This algorithm or key type is not supported.', undefined, e);
  }
  if (e instanceof errors.JWKInvalid) {
    return jwtError('bad-key', 'The JWK is not a valid key.', undefined, e);
  }
  if (e instanceof errors.JOSEError) {
    // ERR_JOSE_GENERIC is what remote JWKS fetch failures surface as (bad status, network).
    return jwtError('jwks-unreachable', 'The key set could not be fetched.', undefined, e);
  }
  if (e instanceof TypeError) {
    // jose throws TypeError when the key type cannot be used with the token's alg.
    return jwtError('wrong-alg', 'This key cannot verify a token of this algorithm.', undefined, e);
  }
  return jwtError('jwks-unreachable', 'The key could not be obtained.', undefined, e);
}
