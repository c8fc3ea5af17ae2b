/**
 * Client authentication at the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2 / OIDC Core §9):
 * none (public client, PKCE carries the proof), client_secret_basic, client_secret_post and
 * private_key_jwt. The key for private_key_jwt is the credential's PEM (PKCS#8) or JWK JSON.
 */
import { createPrivateKey } from 'node:crypto';
import type { JWK } from 'jose';
import { importJWK } from 'jose/key/import';
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { type Clock, systemClock } from '../platform';
import type { OAuth2Config } from './oauth-context';

/**
 * oauth4webapi's client metadata. clockSkew makes its ID token time checks follow the injected
 * clock, so a frozen test clock and the library agree on "now".
 */
export function oauthClient(config: Pick<OAuth2Config, 'clientId'>, clock: Clock = systemClock): oauth.Client {
  const skewSeconds = Math.round((clock.now() - Date.now()) / 1000);
  return { client_id: config.clientId, [oauth.clockSkew]: skewSeconds };
}

function badKey(): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    'The client private key must be a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or a private JWK (JSON with "d").',
    { detail: { field: 'clientPrivateKey' } },
  );
}

function algorithmFor(jwk: JWK): string {
  if (typeof jwk.alg === 'string') return jwk.alg;
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC') {
    if (jwk.crv === 'P-256') return 'ES256';
    if (jwk.crv === 'P-384') return 'ES384';
    if (jwk.crv === 'P-521') return 'ES512';
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  throw badKey();
}

/** Imports the signing key; the JWK's kid (when present) goes into the assertion header. */
export async function importClientPrivateKey(text: string): Promise<oauth.PrivateKey> {
  let jwk: JWK;
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      jwk = JSON.parse(trimmed) as JWK;
    } else {
      jwk = createPrivateKey(trimmed).export({ format: 'jwk' }) as JWK;
    }
  } catch {
    throw badKey();
  }
  if (typeof jwk.d !== 'string') throw badKey();
  const alg = algorithmFor(jwk);
  let key: oauth.CryptoKey;
  try {
    const imported = await importJWK({ ...jwk, ext: false }, alg);
    if (imported instanceof Uint8Array) throw badKey();
    key = imported;
  } catch {
    throw badKey();
  }
  return typeof jwk.kid === 'string' ? { key, kid: jwk.kid } : { key };
}

function requireSecret(config: Pick<OAuth2Config, 'clientSecret' | 'clientAuth'>): string {
  if (!config.clientSecret) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      `Client authentication ${config.clientAuth} needs the client secret. Add it, or choose "none" for a public client.`,
      { detail: { field: 'clientSecret' } },
    );
  }
  return config.clientSecret;
}

export async function clientAuthentication(
  config: Pick<OAuth2Config, 'clientAuth' | 'clientSecret' | 'clientPrivateKey'>,
): Promise<oauth.ClientAuth> {
  switch (config.clientAuth) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
      return oauth.ClientSecretBasic(requireSecret(config));
    case 'client_secret_post':
      return oauth.ClientSecretPost(requireSecret(config));
    case 'private_key_jwt': {
      if (!config.clientPrivateKey) {
        throw new LatchError('ERR_BAD_INPUT', 'Client authentication private_key_jwt needs the client private key.', {
          detail: { field: 'clientPrivateKey' },
        });
      }
      const key = await importClientPrivateKey(config.clientPrivateKey);
      // oauth4webapi names Ed25519 keys "Ed25519" (RFC 9864); most servers still only know "EdDSA".
      return oauth.PrivateKeyJwt(key, {
        [oauth.modifyAssertion]: (header) => {
          if (header.alg === 'Ed25519') header.alg = 'EdDSA';
        },
      });
    }
  }
}
