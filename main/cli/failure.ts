import { type ErrorCode, isLatchError } from '../core/model/errors';
import { forSurface } from '../core/vault/save-failure';
import { exitCodeForCode } from './exit-codes';

/**
 * What a failed command prints after "latch: " and the code its exit status comes from. Anything that is
 * not a LatchError is a bug, and its message (which may hold anything, a secret included) is not shown.
 * Used by every command and by the unlock agent answering `latch get` for the fast path.
 */
export function cliFailure(e: unknown): { code: ErrorCode; message: string } {
  if (!isLatchError(e))
    return {
      code: 'ERR_INTERNAL',
      message: 'internal error (this is a bug in Latch; nothing was changed unless the output above says so).',
    };
  const surfaced = forSurface(e, 'cli');
  return { code: e.code, message: isLatchError(surfaced) ? surfaced.message : e.message };
}

/** What a failed command prints on stderr, and its exit code: runCli's, and the entry's fast paths' (quick-totp.ts). */
export function failureOutput(e: unknown): { text: string; exitCode: number } {
  const { code, message } = cliFailure(e);
  return { text: `latch: ${message}\n`, exitCode: exitCodeForCode(code) };
}
