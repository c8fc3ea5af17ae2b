import { createHash } from 'node:crypto';
import { LatchError } from '../../../model/errors';
import { indexAad, recordAad } from '../../aad';
import { open as aeadOpen } from '../../aead';
import type { Container } from '../../container';
import type { VaultHeader } from '../../header';
import type { CryptoKey, JsonValue } from '../../types';

/**
 * The format 1 reader: the index (decrypted once at unlock, every entry in memory) and record
 * bodies (decrypted one at a time, on demand). Its writer is write.ts; the byte framing both
 * share (magic, format number, sections, checksum) is container.ts, the header header.ts.
 */

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

function corruptIndex(): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', 'The vault index decrypted but is not valid; the file is damaged.', {
    detail: { part: 'index' },
  });
}

/** Parses the index plaintext, `{"v":1,"revision":…,"recordsSha256":…,"records":[[id,rev,off,len,entry],…]}`. */
export function decodeIndex(plain: Uint8Array, records: Uint8Array): DecodedIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8'));
  } catch {
    throw corruptIndex();
  }
  if (typeof raw !== 'object' || raw === null) throw corruptIndex();
  const o = raw as { v?: unknown; revision?: unknown; recordsSha256?: unknown; records?: unknown };
  if (o.v !== 1 || typeof o.revision !== 'number' || typeof o.recordsSha256 !== 'string' || !Array.isArray(o.records)) {
    throw corruptIndex();
  }
  const rows = new Map<string, DecodedRow>();
  const list = o.records as unknown[];
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
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
      off + len > records.length ||
      rows.has(id)
    ) {
      throw corruptIndex();
    }
    rows.set(id, { entry: (t[4] ?? null) as JsonValue, rev, blob: records.subarray(off, off + len), body: null });
  }
  return { revision: o.revision, recordsSha256: o.recordsSha256, rows };
}

/** Decrypts the index with the vault key and checks it against the header and the records section. */
export async function decryptIndex(
  key: CryptoKey,
  container: Pick<Container, 'headerBytes' | 'index' | 'records'>,
  header: VaultHeader,
  recordsSha256?: Promise<string> | string,
): Promise<{ rows: Map<string, DecodedRow>; revision: number }> {
  let plain: Uint8Array;
  try {
    plain = await aeadOpen(key, container.index, indexAad(container.headerBytes));
  } catch {
    throw new LatchError(
      'ERR_VAULT_CORRUPT',
      'The vault index failed to decrypt: the file is damaged or was tampered with (its header or index changed).',
      { detail: { part: 'index' } },
    );
  }
  let decoded: DecodedIndex;
  try {
    decoded = decodeIndex(plain, container.records);
  } finally {
    plain.fill(0);
  }
  if (decoded.revision !== header.revision) {
    throw new LatchError('ERR_VAULT_CORRUPT', 'The vault index does not belong to this header revision.', {
      detail: { part: 'index' },
    });
  }
  const actual = await (recordsSha256 ?? createHash('sha256').update(container.records).digest('hex'));
  if (actual !== decoded.recordsSha256) {
    throw new LatchError('ERR_VAULT_CORRUPT', 'The records section of the vault is damaged or was tampered with.', {
      detail: { part: 'records' },
    });
  }
  return { rows: decoded.rows, revision: decoded.revision };
}

/** Decrypts one record body (bound to its vault, id and revision) to its bytes; the caller zeroes them. */
export async function decryptRecordBytes(
  key: CryptoKey,
  vaultId: string,
  id: string,
  rev: number,
  blob: Uint8Array,
): Promise<Uint8Array> {
  try {
    return await aeadOpen(key, blob, recordAad(vaultId, id, rev));
  } catch {
    throw new LatchError(
      'ERR_VAULT_CORRUPT',
      `Record "${id}" failed to decrypt: the vault file is damaged or was tampered with.`,
      { detail: { part: 'record', id } },
    );
  }
}

/** Decrypts one record body and parses its JSON; the plaintext is zeroed. */
export async function decryptRecord(
  key: CryptoKey,
  vaultId: string,
  id: string,
  rev: number,
  blob: Uint8Array,
): Promise<JsonValue> {
  const plain = await decryptRecordBytes(key, vaultId, id, rev, blob);
  try {
    return JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8')) as JsonValue;
  } finally {
    plain.fill(0);
  }
}
