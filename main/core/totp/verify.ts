import { timingSafeEqual } from 'node:crypto';
import { verifySync as verifyHotp } from '@otplib/hotp';
import { verifySync as verifyTotp } from '@otplib/totp';
import { LatchError } from '../model/errors';
import { parseBase32Secret } from './base32';
import { checkCounter } from './hotp';
import { otpCrypto, otpGuardrails, toOtplibAlgorithm } from './otplib-context';
import { steamCodeFromBytes } from './steam';
import { checkDigits, checkPeriod } from './totp';
import type { OtpSpec } from './types';
import { timeStep } from './window';

export interface VerifyOptions {
  nowMs: number;
  /** Steps accepted either side of the current one (TOTP/Steam) or after the stored counter (HOTP). 0..10. */
  window?: number;
}

export interface VerifyOutcome {
  valid: boolean;
  /**
   * How many steps off the matching code was: -1 = the previous window (the other side's clock
   * is behind, or the code was typed late), +2 = two windows ahead; for HOTP, how far past the
   * stored counter. null when no code matched.
   */
  delta: number | null;
}

/** The MFA lab's verifier: checks `code` the way a server would, and says how far off it was. */
export function verifyCode(spec: OtpSpec, code: string, options: VerifyOptions): VerifyOutcome {
  const window = options.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new LatchError('ERR_BAD_INPUT', 'The window must be 0 to 10 steps.', { detail: { field: 'window' } });
  }
  const token = code.replace(/\s/g, '').toUpperCase();
  const { bytes } = parseBase32Secret(spec.secret);

  if (spec.type === 'steam') {
    const step = timeStep(options.nowMs, 30);
    const expected = Buffer.from(token);
    for (const delta of byDistance(window)) {
      if (step + delta < 0) continue;
      const candidate = Buffer.from(steamCodeFromBytes(bytes, step + delta));
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return { valid: true, delta };
    }
    return { valid: false, delta: null };
  }

  const digits = checkDigits(spec.digits);
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return { valid: false, delta: null };
  const common = {
    secret: bytes,
    token,
    algorithm: toOtplibAlgorithm(spec.algorithm),
    digits,
    crypto: otpCrypto,
    guardrails: otpGuardrails,
  };
  const result =
    spec.type === 'hotp'
      ? // Servers only look ahead for HOTP: a counter in the past is a replayed code.
        verifyHotp({ ...common, counter: checkCounter(spec.counter), counterTolerance: [0, window] })
      : verifyTotp({
          ...common,
          period: checkPeriod(spec.period),
          epoch: Math.floor(options.nowMs / 1000),
          // otplib's tolerance is in seconds; window × period covers exactly ±window steps.
          epochTolerance: window * spec.period,
        });
  return result.valid ? { valid: true, delta: result.delta } : { valid: false, delta: null };
}

/** 0, -1, +1, -2, +2…: the nearest match wins if a code repeats within the window. */
function* byDistance(window: number): Generator<number> {
  yield 0;
  for (let d = 1; d <= window; d++) {
    yield -d;
    yield d;
  }
}
