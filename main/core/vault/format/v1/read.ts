import { createHash } from 'node:crypto';
import { LatchError } from '../../../model/errors';
import { indexAad, recordAad } from '../../aad';
import { open as aeadOpen } from '../../aead';
import type { Container } from '../../container';
import type { VaultHeader } from '../../header';
import type { CryptoKey, JsonValue } from '../../types';
import { decodeJsonIndex, isJsonIndex } from './index-json';
import { isLineIndex, LineIndex } from './index-lines';
import { corruptIndex, type DecodedRow } from './index-row';

/**
 * The format 1 reader: the index (decrypted once at unlock; its rows parsed all at once in index version 1,
 * one at a time as asked for in version 2) and record bodies (decrypted one at a time, on demand). Its writer is write.ts; the byte framing both
 * share (magic, format number, sections, checksum) is container.ts, the header header.ts.
 */

export type { DecodedRow } from './index-row';

/** An index as decoded: every row (index version 1), or the line index that reads them on demand (version 2). */
export type IndexRows = Map<string, DecodedRow> | LineIndex;

/** Every row of a decoded index (parsing them all, for a line index, which is then let go and zeroed). */
export function allRows(rows: IndexRows): Map<string, DecodedRow> {
  if (rows instanceof Map) return rows;
  try {
    return rows.all();
  } finally {
    rows.wipe();
  }
}

/**
 * Decodes the index plaintext in either layout (index-json.ts, index-lines.ts). A line index takes plain over
 * (dropIndex or its wipe zeroes it); otherwise the caller still owns it.
 */
export function decodeIndex(
  plain: Uint8Array,
  records: Uint8Array,
): { revision: number; recordsSha256: string; rows: IndexRows } {
  if (isLineIndex(plain)) {
    const index = LineIndex.decode(plain, records);
    return { revision: index.revision, recordsSha256: index.recordsSha256, rows: index };
  }
  const text = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8');
  if (isJsonIndex(text)) return decodeJsonIndex(text, records);
  throw corruptIndex();
}

/** Zeroes what a decoded index still holds of its plaintext (a line index's bytes) when it is not kept. */
export function dropIndex(rows: IndexRows): void {
  if (rows instanceof LineIndex) rows.wipe();
}

/** Decrypts the index with the vault key and checks it against the header and the records section. */
export async function decryptIndex(
  key: CryptoKey,
  container: Pick<Container, 'headerBytes' | 'index' | 'records'>,
  header: VaultHeader,
  recordsSha256?: Promise<string> | string,
): Promise<{ rows: IndexRows; revision: number }> {
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
  let decoded: ReturnType<typeof decodeIndex>;
  try {
    decoded = decodeIndex(plain, container.records);
  } catch (e) {
    plain.fill(0);
    throw e;
  }
  if (!(decoded.rows instanceof LineIndex)) plain.fill(0);
  try {
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
  } catch (e) {
    dropIndex(decoded.rows);
    throw e;
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
