import { LatchError } from '../../../main/core/model/errors';

/** The LatchError code `f` throws, or a text that fails any code comparison when it throws something else or nothing. */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof LatchError ? e.code : `not a LatchError: ${e}`;
  }
  return 'no error';
}
