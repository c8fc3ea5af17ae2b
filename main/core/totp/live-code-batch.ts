import { type ErrorPayload, isLatchError, toErrorPayload } from '../model/errors';
import { type LiveCode, liveCode } from './live-code';
import type { OtpSpec } from './types';

export type LiveCodeItem = ({ ok: true } & LiveCode & { id: string }) | { id: string; ok: false; error: ErrorPayload };

/**
 * Codes for a ticker batch. A credential that cannot make a code (deleted, bad secret) becomes an
 * error item, so one broken entry never stops the others from updating.
 */
export function liveCodeBatch(
  lookup: (id: string) => OtpSpec | undefined,
  ids: readonly string[],
  nowMs: number,
): LiveCodeItem[] {
  return ids.map((id): LiveCodeItem => {
    const spec = lookup(id);
    if (spec === undefined) {
      return { id, ok: false, error: { code: 'ERR_NOT_FOUND', message: 'This credential no longer exists.' } };
    }
    try {
      return { id, ok: true, ...liveCode(spec, nowMs) };
    } catch (e) {
      if (!isLatchError(e)) throw e;
      return { id, ok: false, error: toErrorPayload(e) };
    }
  });
}
