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

export interface DecodedIndex {
  revision: number;
  recordsSha256: string;
  rows: IndexRow[];
}

const enc = new TextEncoder();

/** Rows are tuples, not objects: a quarter less to parse at unlock for a large vault. */
export function encodeIndex(revision: number, recordsSha256: string, rows: Iterable<IndexRow>): Uint8Array {
  const tuples: [string, number, number, number, JsonValue][] = [];
  for (const r of rows) tuples.push([r.id, r.rev, r.off, r.len, r.entry]);
  return enc.encode(JSON.stringify({ v: 1, revision, recordsSha256, records: tuples }));
}

function corrupt(): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', 'The vault index decrypted but is not valid; the file is damaged.', {
    detail: { part: 'index' },
  });
}

export function decodeIndex(plain: Uint8Array, recordsLength: number): DecodedIndex {
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
  const rows: IndexRow[] = new Array(o.records.length);
  for (let i = 0; i < o.records.length; i++) {
    const t = o.records[i] as unknown[];
    const [id, rev, off, len, entry] = t as [unknown, unknown, unknown, unknown, JsonValue];
    if (
      typeof id !== 'string' ||
      typeof rev !== 'number' ||
      typeof off !== 'number' ||
      typeof len !== 'number' ||
      off < 0 ||
      len < 0 ||
      off + len > recordsLength
    ) {
      throw corrupt();
    }
    rows[i] = { id, rev, off, len, entry: entry === undefined ? null : entry };
  }
  return { revision: o.revision, recordsSha256: o.recordsSha256, rows };
}
