import { BridgeError } from '../../../../preload/api';

/** The field a bad-input error from main points at, if any, and its message. */
export function errorOf(e: unknown): { field: string | null; message: string } {
  if (e instanceof BridgeError) {
    const field = e.code === 'ERR_BAD_INPUT' && typeof e.detail?.field === 'string' ? e.detail.field : null;
    return { field, message: e.message };
  }
  return { field: null, message: 'That did not work. Try again.' };
}
