import { LatchError } from '../../main/core/model/errors';

/** The LatchError code `f` throws, or a text that fails any code comparison when it throws something else or nothing. */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof LatchError ? e.code : `not a LatchError: ${e}`;
  }
  return 'no error';
}

/** The LatchError code `p` rejects with; 'resolved' when it does not, and a text no code matches for anything else. */
export async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof LatchError ? e.code : `not a LatchError: ${e}`;
  }
}
