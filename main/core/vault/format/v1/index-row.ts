import { LatchError } from '../../../model/errors';
import type { JsonValue } from '../../types';

/** A row as decoded: its ciphertext is a view of the records section (no copy). */
export interface DecodedRow {
  entry: JsonValue;
  rev: number;
  blob: Uint8Array;
  body: null;
  /** The entry's JSON text as the index holds it, when the reader had it at hand (saves re-serialising it). */
  entryJson?: string;
}

export function corruptIndex(): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', 'The vault index decrypted but is not valid; the file is damaged.', {
    detail: { part: 'index' },
  });
}

/**
 * Checks one parsed row tuple, `[id, rev, off, len, entry]`, against the records section: the same rule for
 * every index version, whether the row is read with all the others or alone.
 */
export function checkRow(t: unknown, records: Uint8Array): [string, DecodedRow] {
  if (!Array.isArray(t)) throw corruptIndex();
  const id: unknown = t[0];
  const rev: unknown = t[1];
  const off: unknown = t[2];
  const len: unknown = t[3];
  if (
    typeof id !== 'string' ||
    typeof rev !== 'number' ||
    typeof off !== 'number' ||
    typeof len !== 'number' ||
    off < 0 ||
    len < 0 ||
    off + len > records.length
  ) {
    throw corruptIndex();
  }
  return [id, { entry: (t[4] ?? null) as JsonValue, rev, blob: records.subarray(off, off + len), body: null }];
}
