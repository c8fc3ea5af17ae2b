import { generateSync } from '@otplib/totp';
import { LatchError } from '../model/errors';
import { parseBase32Secret } from './base32';
import { otpCrypto, otpGuardrails, toOtplibAlgorithm } from './otplib-context';
import { MAX_DIGITS, MIN_DIGITS, type OtpAlgorithm } from './types';

export interface TotpOptions {
  /** Base32 secret. */
  secret: string;
  algorithm?: OtpAlgorithm;
  digits?: number;
  /** Seconds per code. */
  period?: number;
}

/** RFC 6238 TOTP at `nowMs` (Unix milliseconds), T0 = 0. */
export function totpCode(options: TotpOptions, nowMs: number): string {
  const { bytes } = parseBase32Secret(options.secret);
  const digits = checkDigits(options.digits ?? 6);
  const period = checkPeriod(options.period ?? 30);
  return generateSync({
    secret: bytes,
    algorithm: toOtplibAlgorithm(options.algorithm ?? 'SHA1'),
    digits,
    period,
    epoch: Math.floor(nowMs / 1000),
    crypto: otpCrypto,
    guardrails: otpGuardrails,
  });
}

export function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new LatchError('ERR_TOTP_INVALID', `Codes must have ${MIN_DIGITS} to ${MAX_DIGITS} digits.`, {
      detail: { field: 'digits' },
    });
  }
  return digits;
}

export function checkPeriod(period: number): number {
  if (!Number.isInteger(period) || period < 1 || period > 3600) {
    throw new LatchError('ERR_TOTP_INVALID', 'The period must be a whole number of seconds from 1 to 3600.', {
      detail: { field: 'period' },
    });
  }
  return period;
}
