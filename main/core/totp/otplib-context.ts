import { createGuardrails, NobleCryptoPlugin } from 'otplib';

/** One shared crypto plugin: noble is synchronous, which lets the ticker compute a batch without awaiting. */
export const otpCrypto = new NobleCryptoPlugin();

/**
 * otplib's default floor is 16 bytes; real services issue 10-byte keys and shorter, and Latch
 * stores what the service gave (with a warning under 10 bytes, secret-warning.ts). The ceiling
 * is raised so long keys pasted from password managers still work.
 */
export const otpGuardrails = createGuardrails({ MIN_SECRET_BYTES: 1, MAX_SECRET_BYTES: 128 });

export function toOtplibAlgorithm(algorithm: 'SHA1' | 'SHA256' | 'SHA512'): 'sha1' | 'sha256' | 'sha512' {
  return algorithm === 'SHA1' ? 'sha1' : algorithm === 'SHA256' ? 'sha256' : 'sha512';
}
