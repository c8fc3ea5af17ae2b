import { type ErrorCode, isLatchError } from '../core/model/errors';

/** Process exit codes of `latch`; scripts rely on them, so they only ever grow. */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  WRONG_PASSWORD: 3,
  /** An OAuth credential needs a new sign-in (`latch oauth login`). */
  LOGIN_REQUIRED: 4,
  /** `latch audit` ran and at least one check failed (so it can gate CI). */
  AUDIT_FAILED: 5,
  /** A rate limit or a remembered Retry-After holds for longer than Latch waits. */
  RATE_LIMITED: 6,
} as const;

/** LatchError codes with an exit code of their own; every other error exits with FAILURE. */
export const EXIT_BY_ERROR: Partial<Record<ErrorCode, number>> = {
  ERR_BAD_INPUT: EXIT.USAGE,
  ERR_WRONG_PASSWORD: EXIT.WRONG_PASSWORD,
  ERR_OAUTH_LOGIN_REQUIRED: EXIT.LOGIN_REQUIRED,
  ERR_RATE_LIMITED: EXIT.RATE_LIMITED,
};

export function exitCodeFor(error: unknown): number {
  if (isLatchError(error)) return EXIT_BY_ERROR[error.code] ?? EXIT.FAILURE;
  return EXIT.FAILURE;
}
