import { checkRow, corruptIndex, type DecodedRow } from './index-row';

/**
 * The first index layout (index version 1): one JSON document,
 * `{"v":1,"revision":…,"recordsSha256":…,"records":[[id,rev,off,len,entry],…]}`, parsed whole at unlock.
 * Still read (vaults saved before index version 2); never written any more (index-lines.ts is).
 */
export interface JsonIndex {
  revision: number;
  recordsSha256: string;
  rows: Map<string, DecodedRow>;
}

/** True when the index plaintext is this layout (its writer always began it so). */
export function isJsonIndex(text: string): boolean {
  return text.startsWith('{"v":1,');
}

export function decodeJsonIndex(text: string, records: Uint8Array): JsonIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corruptIndex();
  }
  if (typeof raw !== 'object' || raw === null) throw corruptIndex();
  const o = raw as { v?: unknown; revision?: unknown; recordsSha256?: unknown; records?: unknown };
  if (o.v !== 1 || typeof o.revision !== 'number' || typeof o.recordsSha256 !== 'string' || !Array.isArray(o.records)) {
    throw corruptIndex();
  }
  const rows = new Map<string, DecodedRow>();
  for (const t of o.records as unknown[]) {
    const [id, row] = checkRow(t, records);
    if (rows.has(id)) throw corruptIndex();
    rows.set(id, row);
  }
  return { revision: o.revision, recordsSha256: o.recordsSha256, rows };
}
