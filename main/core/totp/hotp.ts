import { generateSync } from '@otplib/hotp';
import { LatchError } from '../model/errors';
import { parseBase32Secret } from './base32';
import { otpCrypto, otpGuardrails, toOtplibAlgorithm } from './otplib-context';
import { checkDigits } from './totp';
import type { OtpAlgorithm } from './types';

export interface HotpOptions {
  /** Base32 secret. */
  secret: string;
  algorithm?: OtpAlgorithm;
  digits?: number;
}

/** RFC 4226 HOTP for `counter`. */
export function hotpCode(options: HotpOptions, counter: number): string {
  const { bytes } = parseBase32Secret(options.secret);
  checkCounter(counter);
  return generateSync({
    secret: bytes,
    algorithm: toOtplibAlgorithm(options.algorithm ?? 'SHA1'),
    digits: checkDigits(options.digits ?? 6),
    counter,
    crypto: otpCrypto,
    guardrails: otpGuardrails,
  });
}

export function checkCounter(counter: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new LatchError('ERR_TOTP_INVALID', 'The HOTP counter must be a whole number, 0 or more.', {
      detail: { field: 'counter' },
    });
  }
  return counter;
}
