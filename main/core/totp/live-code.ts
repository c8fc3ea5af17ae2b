import { effectivePeriod, generateCode } from './code';
import type { OtpSpec } from './types';
import { secondsRemaining, windowEndsAt } from './window';

export interface LiveCode {
  code: string;
  /** Time-based codes only: the code of the following window, so the screen can show it beside the current one near the end. */
  next: string | null;
  /** null for HOTP, which does not expire. */
  period: number | null;
  secondsRemaining: number | null;
  validUntilMs: number | null;
}

/**
 * The current and next code at `nowMs`. The next code is always computed (one extra HMAC) so the
 * screen decides locally when to show it and main never sends a second message per window.
 */
export function liveCode(spec: OtpSpec, nowMs: number): LiveCode {
  if (spec.type === 'hotp') {
    return { code: generateCode(spec, nowMs), next: null, period: null, secondsRemaining: null, validUntilMs: null };
  }
  const period = effectivePeriod(spec);
  const validUntilMs = windowEndsAt(nowMs, period);
  return {
    code: generateCode(spec, nowMs),
    next: generateCode(spec, validUntilMs),
    period,
    secondsRemaining: secondsRemaining(nowMs, period),
    validUntilMs,
  };
}
