import { createGuardrails } from '@otplib/core';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';

/**
 * One shared crypto plugin: node:crypto's HMAC (OpenSSL), synchronous, which lets the ticker compute a
 * batch without awaiting. Every caller of this folder runs on Node (main, the command line, the browser
 * host; the renderer never computes a code), so the pure-JavaScript noble hashes otplib's facade package
 * bundles would only cost start-up time: `latch totp --uri` loaded and compiled them on every run.
 * Latch therefore uses otplib's own packages (@otplib/totp, @otplib/hotp, @otplib/core) without the
 * `otplib` facade, whose entry imports the noble and Base32 plugins whether they are used or not.
 */
export const otpCrypto = new NodeCryptoPlugin();

/**
 * otplib's default floor is 16 bytes; real services issue 10-byte keys and shorter, and Latch
 * stores what the service gave (with a warning under 10 bytes, secret-warning.ts). The ceiling
 * is raised so long keys pasted from password managers still work.
 */
export const otpGuardrails = createGuardrails({ MIN_SECRET_BYTES: 1, MAX_SECRET_BYTES: 128 });

export function toOtplibAlgorithm(algorithm: 'SHA1' | 'SHA256' | 'SHA512'): 'sha1' | 'sha256' | 'sha512' {
  return algorithm === 'SHA1' ? 'sha1' : algorithm === 'SHA256' ? 'sha256' : 'sha512';
}
