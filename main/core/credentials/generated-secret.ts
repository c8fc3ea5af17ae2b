import { randomBytes } from 'node:crypto';
import type { Credential } from '../model/credential';
import { LatchError } from '../model/errors';
import { generateSecret as generateTotpSecret } from '../totp/secret-generate';

/** 256 bits: as strong as the HMAC-SHA256 keys and bearer tokens these fields usually hold. */
const GENERATED_BYTES = 32;

/**
 * A fresh random value for a secret field that Latch's side may choose (a password, a shared
 * HMAC or HS* JWT secret, a TOTP seed). Keys another party issues or that have a structure
 * (an AWS secret access key, a PEM private key, an OAuth client secret) are refused: a random
 * string there would only break the credential.
 */
export function generatedSecret(credential: Credential, field: string): string {
  const c = credential;
  const shared =
    (c.kind === 'api-key' && field === 'value') ||
    ((c.kind === 'basic' || c.kind === 'digest') && field === 'password') ||
    (c.kind === 'bearer' && field === 'token') ||
    (c.kind === 'hmac' && field === 'secret') ||
    (c.kind === 'secret' && field === 'value') ||
    (c.kind === 'jwt-signer' && field === 'key' && c.fields.algorithm.startsWith('HS'));
  if (shared) return randomBytes(GENERATED_BYTES).toString('base64url');
  // RFC 4226's recommended 160 bits, in the Base32 authenticator apps read.
  if (c.kind === 'totp' && field === 'secret') return generateTotpSecret(20);
  throw new LatchError(
    'ERR_BAD_INPUT',
    `Latch cannot make up the ${field} of a ${c.kind} credential (it is issued elsewhere or has a structure): give the new value with --value -.`,
    { detail: { field } },
  );
}
