import { LatchError } from '../model/errors';

export interface ClockOffsetInput {
  /** The server's `Date` response header (RFC 9110 IMF-fixdate; 1-second resolution). */
  dateHeader: string;
  /** Local time (ms) when the response arrived. */
  receivedAtMs: number;
  /** Local time (ms) when the request was sent; when given, the midpoint is used to cancel network delay. */
  sentAtMs?: number;
  /** The code period the warning is about; 30 unless the credential says otherwise. */
  period?: number;
}

export interface ClockOffset {
  /** Server time minus local time, ms. Positive: this computer is behind. */
  offsetMs: number;
  /** How wrong offsetMs may be: half a second of header rounding plus half the round trip. */
  uncertaintyMs: number;
  /** The offset at which codes start failing for this period. */
  thresholdMs: number;
  /** true when even the most favourable reading of the offset reaches the threshold. */
  large: boolean;
}

/**
 * How far this computer's clock is from a server's. Codes break at half a period (15 s for 30 s
 * codes): from there the code on screen belongs to the wrong window for most of every period, and
 * a server that accepts only the current step refuses it. Servers with ±1 step tolerance survive
 * more, but Latch cannot know the tolerance, so it warns at the strict limit.
 */
export function clockOffset(input: ClockOffsetInput): ClockOffset {
  const serverMs = Date.parse(input.dateHeader);
  if (!Number.isFinite(serverMs) || !/\d{2}:\d{2}:\d{2}/.test(input.dateHeader)) {
    throw new LatchError('ERR_BAD_INPUT', 'The server’s Date header is not a valid HTTP date.', {
      detail: { field: 'dateHeader' },
    });
  }
  const period = input.period ?? 30;
  const roundTripMs = input.sentAtMs === undefined ? 0 : Math.max(0, input.receivedAtMs - input.sentAtMs);
  const localMs = input.receivedAtMs - roundTripMs / 2;
  // The header truncates to the second, so on average the server's clock was half a second later.
  const offsetMs = Math.round(serverMs + 500 - localMs);
  const uncertaintyMs = Math.round(500 + roundTripMs / 2);
  const thresholdMs = (period * 1000) / 2;
  return { offsetMs, uncertaintyMs, thresholdMs, large: Math.abs(offsetMs) - uncertaintyMs >= thresholdMs };
}
