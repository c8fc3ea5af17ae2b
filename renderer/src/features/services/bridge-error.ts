import { BridgeError } from '../../../../preload/api';

/**
 * The field a bad-input error from main points at, if any, its message, and whether main holds
 * the change unsaved (`kept`: the save failed after the change was applied; the save-failed
 * banner offers the ways out, and submitting again would apply it twice).
 */
export function errorOf(e: unknown): { field: string | null; message: string; kept: boolean } {
  if (e instanceof BridgeError) {
    const field = e.code === 'ERR_BAD_INPUT' && typeof e.detail?.field === 'string' ? e.detail.field : null;
    return { field, message: e.message, kept: e.detail?.kept === true };
  }
  return { field: null, message: 'That did not work. Try again.', kept: false };
}
