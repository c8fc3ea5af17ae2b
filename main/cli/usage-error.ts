import { LatchError } from '../core/model/errors';

/**
 * A command line that cannot run as given (exit 2). Apart from parse-args.ts, which re-exports it, so the entry's fast
 * paths (quick-totp.ts) can refuse as the command does without loading the option parser.
 */
export function usageError(message: string): LatchError {
  return new LatchError('ERR_BAD_INPUT', message, { detail: { usage: true } });
}
