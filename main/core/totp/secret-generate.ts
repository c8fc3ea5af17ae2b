import { randomBytes } from 'node:crypto';
import { LatchError } from '../model/errors';
import { encodeBase32, RECOMMENDED_SECRET_BYTES } from './base32';

/** A fresh random key in Base32, for the MFA lab (acting as the server side). 20 bytes = RFC 4226's recommended 160 bits. */
export function generateSecret(bytes = 20): string {
  if (!Number.isInteger(bytes) || bytes < RECOMMENDED_SECRET_BYTES || bytes > 128) {
    throw new LatchError('ERR_BAD_INPUT', `A secret must be ${RECOMMENDED_SECRET_BYTES} to 128 bytes long.`, {
      detail: { field: 'bytes' },
    });
  }
  return encodeBase32(randomBytes(bytes));
}
