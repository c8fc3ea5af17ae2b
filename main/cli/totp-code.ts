// What `latch totp` reads and prints, shared by the command (commands/totp.ts) and the entry's fast path for
// `totp --uri -` (quick-totp.ts), which must answer byte for byte as the command does.
import { systemClock } from '../core/platform';
import { liveCode } from '../core/totp/live-code';
import { parseOtpAuthUri } from '../core/totp/otpauth-uri-parse';
import type { OtpSpec } from '../core/totp/types';
import type { CliIo } from './io';
import { MAX_STDIN_VALUE_BYTES, readAllStdin } from './read-stdin';
import { usageError } from './usage-error';

export function wholeNumber(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw usageError(`${option} takes a whole number.`);
  return Number(value);
}

/** The instant a code is made for (Unix ms): --at's seconds, or now. */
export function codeInstant(at: unknown): number {
  const seconds = wholeNumber(at, '--at');
  return seconds === undefined ? systemClock.now() : seconds * 1000;
}

/** The otpauth:// URI piped in (`--uri -`). */
export async function uriFromStdin(io: Pick<CliIo, 'stdin' | 'stdinFd'>): Promise<string> {
  return (await readAllStdin(io, MAX_STDIN_VALUE_BYTES)).trim();
}

/** A URI's spec; a short key's warning goes to `note` (it holds no part of the key). */
export function uriSpec(uri: string, note: (line: string) => void): OtpSpec {
  const parsed = parseOtpAuthUri(uri);
  if (parsed.secretWarning !== null) note(`latch: warning: ${parsed.secretWarning}`);
  return parsed.fields;
}

/** `latch totp`'s output for a spec at `nowMs`: the data --json prints, and the code alone. */
export function codeOutput(spec: OtpSpec, nowMs: number): { data: Record<string, unknown>; text: string } {
  const live = liveCode(spec, nowMs);
  return {
    data: {
      code: live.code,
      type: spec.type,
      period: live.period,
      secondsRemaining: live.secondsRemaining,
      validUntil: live.validUntilMs === null ? null : new Date(live.validUntilMs).toISOString(),
      next: live.next,
    },
    text: live.code,
  };
}
