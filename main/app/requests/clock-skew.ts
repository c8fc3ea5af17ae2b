import { clockOffset } from '../../core/totp/clock-offset';

export interface ClockSkewReading {
  /** Server clock minus this computer's clock, in ms. */
  offsetMs: number;
  uncertaintyMs: number;
  /** Large enough to break 30-second codes. */
  large: boolean;
  host: string;
  at: number;
}

/**
 * The last server clock Latch saw (from a response's Date header in the request tester),
 * so the Codes screen can warn when this computer's clock is off by enough to break codes.
 */
export class ClockSkew {
  #latest: ClockSkewReading | null = null;

  record(input: { dateHeader: string | undefined; url: string; sentAtMs: number; receivedAtMs: number }): void {
    if (!input.dateHeader) return;
    try {
      const o = clockOffset({
        dateHeader: input.dateHeader,
        sentAtMs: input.sentAtMs,
        receivedAtMs: input.receivedAtMs,
      });
      this.#latest = {
        offsetMs: o.offsetMs,
        uncertaintyMs: o.uncertaintyMs,
        large: o.large,
        host: new URL(input.url).host,
        at: input.receivedAtMs,
      };
    } catch {
      // A server whose Date header does not parse tells us nothing about our clock.
    }
  }

  latest(): ClockSkewReading | null {
    return this.#latest;
  }
}
