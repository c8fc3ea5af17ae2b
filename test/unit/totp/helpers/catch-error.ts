import { isLatchError, type LatchError } from '../../../../main/core/model/errors';

/** Runs `fn` and returns the LatchError it throws; fails the test if it throws anything else or nothing. */
export function catchLatchError(fn: () => unknown): LatchError {
  try {
    fn();
  } catch (e) {
    if (isLatchError(e)) return e;
    throw e;
  }
  throw new Error('expected a LatchError, nothing was thrown');
}
