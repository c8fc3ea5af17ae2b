import { LatchError } from '../model/errors';
import type { JsonValue } from './types';

/** Where a record's ciphertext lives in the records section, and the revision its AAD names. */
export interface RecordLocator {
  rev: number;
  off: number;
  len: number;
}

export interface IndexRow extends RecordLocator {
  id: string;
  entry: JsonValue;
}

/** A row as decoded: its ciphertext is a view of the records section (no copy). */
export interface DecodedRow {
  entry: JsonValue;
  rev: number;
  blob: Uint8Array;
  body: null;
}

export interface DecodedIndex {
  revision: number;
  recordsSha256: string;
  rows: Map<string, DecodedRow>;
}

/**
 * A row's index text split around its offset: `["id",rev,` and `,len,entry]`. Cached on an unchanged
 * row, so a save writes head + offset + tail (the offset moves whenever an earlier record changes size)
 * instead of re-serialising every row. Strings, not per-row byte arrays: 20,000 small ArrayBuffers cost
 * more in allocation and GC than the UTF-8 encoding they would save.
 */
export interface RowText {
  rev: number;
  len: number;
  json: string;
  head: string;
  tail: string;
}

export function rowText(id: string, rev: number, len: number, entryJson: string): RowText {
  return { rev, len, json: entryJson, head: `[${JSON.stringify(id)},${rev},`, tail: `,${len},${entryJson}]` };
}

/**
 * The index plaintext, `{"v":1,"revision":…,"recordsSha256":…,"records":[[id,rev,off,len,entry],…]}`
 * (rows are tuples, not objects: a quarter less to parse at unlock), from cached row texts. The records hash is left as 64
 * placeholder bytes at shaAt, to be written once the records section (laid out after this) is hashed.
 */
export function encodeIndexRows(
  revision: number,
  texts: readonly RowText[],
  offs: readonly number[],
): { plain: Buffer; shaAt: number } {
  const fragments: string[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    fragments[i] = t.head + offs[i]! + t.tail;
  }
  const before = `{"v":1,"revision":${revision},"recordsSha256":"`;
  const plain = Buffer.from(`${before}${'0'.repeat(64)}","records":[${fragments.join(',')}]}`, 'utf8');
  return { plain, shaAt: before.length };
}

function corrupt(): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', 'The vault index decrypted but is not valid; the file is damaged.', {
    detail: { part: 'index' },
  });
}

export function decodeIndex(plain: Uint8Array, records: Uint8Array): DecodedIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8'));
  } catch {
    throw corrupt();
  }
  if (typeof raw !== 'object' || raw === null) throw corrupt();
  const o = raw as { v?: unknown; revision?: unknown; recordsSha256?: unknown; records?: unknown };
  if (o.v !== 1 || typeof o.revision !== 'number' || typeof o.recordsSha256 !== 'string' || !Array.isArray(o.records)) {
    throw corrupt();
  }
  const rows = new Map<string, DecodedRow>();
  const list = o.records as unknown[];
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (!Array.isArray(t)) throw corrupt();
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
      off + len > records.length ||
      rows.has(id)
    ) {
      throw corrupt();
    }
    rows.set(id, { entry: (t[4] ?? null) as JsonValue, rev, blob: records.subarray(off, off + len), body: null });
  }
  return { revision: o.revision, recordsSha256: o.recordsSha256, rows };
}
