import { hotpCode } from './hotp';
import { steamCode } from './steam';
import { totpCode } from './totp';
import type { OtpSpec } from './types';

/**
 * The code a credential shows at `nowMs`. HOTP ignores the time and uses the stored counter:
 * advancing the counter is an explicit user action, stored by whoever owns the vault.
 */
export function generateCode(spec: OtpSpec, nowMs: number): string {
  switch (spec.type) {
    case 'totp':
      return totpCode(spec, nowMs);
    case 'hotp':
      return hotpCode(spec, spec.counter);
    case 'steam':
      return steamCode(spec.secret, nowMs);
  }
}

/** Steam codes always roll every 30 s, whatever period is stored. */
export function effectivePeriod(spec: Pick<OtpSpec, 'type' | 'period'>): number {
  return spec.type === 'steam' ? 30 : spec.period;
}
