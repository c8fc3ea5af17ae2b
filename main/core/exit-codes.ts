/**
 * Every process exit code of `latch`, in one table: the command line returns them, its help
 * prints them and docs/cli.md lists them (a unit test keeps the three in step). Scripts rely
 * on them, so codes are only ever added.
 */
export const EXIT_CODES = {
  OK: { code: 0, meaning: 'success' },
  FAILURE: { code: 1, meaning: 'failure; `latch totp verify` and `latch jwt verify`: the code or token is not valid' },
  USAGE: { code: 2, meaning: 'usage error or bad input' },
  WRONG_PASSWORD: { code: 3, meaning: 'wrong master password' },
  LOGIN_REQUIRED: { code: 4, meaning: 'an OAuth credential needs a new sign-in (`latch oauth login REF`)' },
  AUDIT_FAILED: { code: 5, meaning: '`latch audit`: at least one check failed' },
  RATE_LIMITED: {
    code: 6,
    meaning: 'a rate limit or a remembered Retry-After holds longer than Latch waits (nothing was sent)',
  },
  HTTP_FAIL: { code: 22, meaning: '`latch request --fail`: the response status was 400 or more (as curl --fail)' },
} as const;

export type ExitName = keyof typeof EXIT_CODES;

/** `latch exec` is the exception: it exits with the child's own code (a signal n: 128 + n). */
export const EXEC_EXIT_NOTE = '`latch exec` exits with the command’s own code (killed by signal n: 128 + n).';
