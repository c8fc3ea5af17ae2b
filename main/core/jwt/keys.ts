import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  type JsonWebKey,
  type KeyObject,
  X509Certificate,
} from 'node:crypto';
import type { JWT_ALGORITHMS } from '../model/credential';
import { LatchError } from '../model/errors';

export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
export const HMAC_JWT_ALGS = ['HS256', 'HS384', 'HS512'] as const satisfies readonly JwtAlgorithm[];
export const ASYMMETRIC_JWT_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const satisfies readonly JwtAlgorithm[];

const EC_CURVE_ALG: Record<string, JwtAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
const EC_ALG_CURVE: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/** The algorithms a key can serve; the token's alg must be one of them (no alg confusion). */
export function algorithmsForKey(key: KeyObject): JwtAlgorithm[] {
  if (key.type === 'secret') return [...HMAC_JWT_ALGS];
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const alg = EC_CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return alg ? [alg] : [];
    }
    case 'ed25519':
      return ['EdDSA'];
    default:
      return [];
  }
}

export function describeKey(key: KeyObject): string {
  if (key.type === 'secret') return 'shared secret';
  const t = key.asymmetricKeyType;
  if (t === 'rsa' || t === 'rsa-pss') return `${t.toUpperCase()} ${key.asymmetricKeyDetails?.modulusLength ?? '?'}-bit`;
  if (t === 'ec') return `EC ${key.asymmetricKeyDetails?.namedCurve ?? '?'}`;
  return String(t);
}

/** Key material as people paste it. */
export type JwtKeyInput =
  | { kind: 'secret'; secret: string }
  | { kind: 'pem'; pem: string }
  | { kind: 'jwk'; jwk: string | Record<string, unknown> }
  | { kind: 'jwks'; url: string };

/** Guesses the kind of pasted key text: a PEM, a JWK (or JWKS) JSON, a JWKS URL, or else a secret. */
export function keyInputFromText(text: string): JwtKeyInput {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) return { kind: 'pem', pem: t };
  if (t.startsWith('{')) return { kind: 'jwk', jwk: t };
  if (/^https?:\/\//i.test(t)) return { kind: 'jwks', url: t };
  // A secret is used byte for byte: never trimmed, never base64-decoded.
  return { kind: 'secret', secret: text };
}

const bad = (message: string, field = 'key') => new LatchError('ERR_BAD_INPUT', message, { detail: { field } });

export function parseJwkText(jwk: string | Record<string, unknown>): Record<string, unknown> {
  if (typeof jwk !== 'string') return jwk;
  let v: unknown;
  try {
    v = JSON.parse(jwk);
  } catch {
    throw bad('The key looks like JSON but does not parse. Paste the whole JWK object.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('The JWK must be a JSON object.');
  return v as Record<string, unknown>;
}

/** A public (or secret) key for verification, from a PEM (SPKI, X.509 certificate, or a private key) or JWK. */
export function publicKeyFrom(input: Exclude<JwtKeyInput, { kind: 'jwks' }>): KeyObject {
  if (input.kind === 'secret') {
    if (input.secret.length === 0) throw bad('The secret is empty.');
    return createSecretKeyFromText(input.secret);
  }
  if (input.kind === 'pem') {
    const pem = input.pem.trim();
    try {
      if (pem.includes('BEGIN CERTIFICATE')) return new X509Certificate(pem).publicKey;
      return createPublicKey(pem);
    } catch {
      throw bad('This PEM does not parse. Paste a public key (BEGIN PUBLIC KEY) or a certificate (BEGIN CERTIFICATE).');
    }
  }
  const jwk = parseJwkText(input.jwk);
  try {
    if (jwk.kty === 'oct') {
      if (typeof jwk.k !== 'string') throw new Error('no k');
      return createSecretKeyFromBytes(Buffer.from(jwk.k, 'base64url'));
    }
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    throw bad('This JWK is not a usable key (check kty, crv, and the key numbers).');
  }
}

/** A private key (or secret) for signing with `alg`; says precisely what is wrong otherwise. */
export function signingKeyFrom(alg: JwtAlgorithm, keyText: string): KeyObject {
  if (alg.startsWith('HS')) {
    if (keyText.length === 0) throw bad('The secret is empty.');
    return createSecretKeyFromText(keyText);
  }
  const t = keyText.trim();
  let key: KeyObject;
  if (t.startsWith('{')) {
    const jwk = parseJwkText(t);
    if (jwk.kty === 'oct') throw bad(`${alg} needs a private key; this JWK is a shared secret (kty "oct").`);
    if (jwk.d === undefined) throw bad('This JWK is a public key; signing needs the private key (with "d").');
    try {
      key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      throw bad('This JWK is not a usable private key (check kty, crv, and the key numbers).');
    }
  } else if (t.startsWith('-----BEGIN')) {
    if (/BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)/.test(t)) {
      throw bad('This is a public key or certificate; signing needs the private key (BEGIN PRIVATE KEY).');
    }
    if (t.includes('ENCRYPTED PRIVATE KEY'))
      throw bad('This private key is encrypted with a passphrase; export it unencrypted.');
    try {
      key = createPrivateKey(t);
    } catch {
      throw bad('This PEM does not parse. Paste the whole private key, BEGIN and END lines included.');
    }
  } else {
    throw bad(`${alg} needs a private key as PEM (-----BEGIN PRIVATE KEY-----) or JWK JSON; this is neither.`);
  }
  if (!algorithmsForKey(key).includes(alg)) {
    const want = alg.startsWith('ES')
      ? `an EC ${EC_ALG_CURVE[alg]} key`
      : alg === 'EdDSA'
        ? 'an Ed25519 key'
        : 'an RSA key';
    throw bad(`${alg} needs ${want}; this is a ${describeKey(key)} key.`, 'algorithm');
  }
  return key;
}

function createSecretKeyFromText(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
function createSecretKeyFromBytes(bytes: Buffer): KeyObject {
  if (bytes.length === 0) throw bad('The secret is empty.');
  return createSecretKey(bytes);
}
