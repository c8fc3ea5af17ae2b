import { EXIT_CODES, type ExitName } from '../core/exit-codes';
import { type ErrorCode, isLatchError } from '../core/model/errors';

/** Process exit codes of `latch`, by name (the table with their meanings is main/core/exit-codes.ts). */
export const EXIT = Object.fromEntries(Object.entries(EXIT_CODES).map(([name, { code }]) => [name, code])) as {
  [K in ExitName]: (typeof EXIT_CODES)[K]['code'];
};

/** LatchError codes with an exit code of their own; every other error exits with FAILURE. */
export const EXIT_BY_ERROR: Partial<Record<ErrorCode, number>> = {
  ERR_BAD_INPUT: EXIT.USAGE,
  ERR_WRONG_PASSWORD: EXIT.WRONG_PASSWORD,
  ERR_OAUTH_LOGIN_REQUIRED: EXIT.LOGIN_REQUIRED,
  ERR_RATE_LIMITED: EXIT.RATE_LIMITED,
  ERR_HOST_NOT_ALLOWED: EXIT.USAGE,
};

export function exitCodeFor(error: unknown): number {
  return isLatchError(error) ? exitCodeForCode(error.code) : EXIT.FAILURE;
}

export function exitCodeForCode(code: ErrorCode): number {
  return EXIT_BY_ERROR[code] ?? EXIT.FAILURE;
}
