import { isLatchError, LatchError } from '../../core/model/errors';

/**
 * The codes a failed save throws. Any other error (a bad input, refused before anything was
 * applied) holds nothing new, even while an earlier failed change is still held.
 */
const SAVE_FAILURES: ReadonlySet<string> = new Set(['ERR_VAULT_CHANGED_ON_DISK', 'ERR_SAVE_FAILED']);

/**
 * The error of a write whose change was applied in memory but could not be saved: the same
 * code and message, marked `detail.kept`. The change stays held for the save-failed banner's
 * choices (reload and re-apply, keep mine, discard), so a caller must not submit it again: a
 * second submit would apply it twice (two copies of a new service). The renderer's forms read
 * the mark and stop offering their submit.
 */
export function changeKept(e: unknown): unknown {
  if (isLatchError(e) && !SAVE_FAILURES.has(e.code)) return e;
  if (isLatchError(e)) return new LatchError(e.code, e.message, { cause: e, detail: { ...e.detail, kept: true } });
  return new LatchError('ERR_SAVE_FAILED', 'The change could not be saved.', { cause: e, detail: { kept: true } });
}

/** Whether the change behind this error is applied and held (changeKept's mark). */
export function isChangeKept(e: unknown): boolean {
  return isLatchError(e) && e.detail?.kept === true;
}
