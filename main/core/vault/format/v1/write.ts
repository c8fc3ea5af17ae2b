import { createHash } from 'node:crypto';
import { indexAad, recordAad } from '../../aad';
import { open as aeadOpen, seal } from '../../aead';
import { NONCE_BYTES, TAG_BYTES } from '../../constants';
import { allocContainer, decodeContainer, finishContainer } from '../../container';
import { encodeHeader, type VaultHeader } from '../../header';
import type { CryptoKey, JsonValue } from '../../types';
import { encodeLineIndexHead } from './index-lines';

/**
 * The format 1 writer: a whole file from the in-memory rows. Only rows with a pending body are
 * encrypted; every other ciphertext is copied as it is, and its index text comes from a cache.
 * Its reader is read.ts.
 */

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

/** A row as the writer reads it (record-store.ts's Row). entryJson and text are caches it fills in. */
export interface WritableRow {
  entry: JsonValue;
  /** Revision named in the ciphertext's AAD (0 for a record never saved). */
  rev: number;
  /** The ciphertext as on disk (null until a pending body is first saved). */
  blob: Uint8Array | null;
  /** Pending plaintext body (UTF-8 JSON), zeroed once saved or on lock. */
  body: Uint8Array | null;
  /** JSON text of entry, cached so a save re-serialises only changed entries. */
  entryJson?: string;
  /** This row's index text (checked against rev, blob length and entryJson before reuse). */
  text?: RowText;
}

export interface EncodedFile {
  bytes: Buffer;
  /** The index plaintext: compared with the read-back, then zeroed by the caller. */
  indexPlain: Buffer;
  /** Positions (in the ids/rows arrays) of the rows encrypted by this save. */
  freshAt: number[];
  /** Every row's ciphertext in the new file (fresh ones new, others the same views as before). */
  blobs: Uint8Array[];
  offs: number[];
  texts: RowText[];
}

export function rowText(id: string, rev: number, len: number, entryJson: string): RowText {
  return { rev, len, json: entryJson, head: `[${JSON.stringify(id)},${rev},`, tail: `,${len},${entryJson}]` };
}

/**
 * The index plaintext in the line layout (index-lines.ts): a first line with the version, revision and records
 * hash, then one row per line, from cached row texts. The records hash is left as 64 placeholder bytes at
 * shaAt, to be written once the records section (laid out after this) is hashed.
 */
export function encodeIndexRows(
  revision: number,
  texts: readonly RowText[],
  offs: readonly number[],
): { plain: Buffer; shaAt: number } {
  const { head, shaAt } = encodeLineIndexHead(revision);
  const lines: string[] = new Array(texts.length + 1);
  lines[0] = head;
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    lines[i + 1] = t.head + offs[i]! + t.tail;
  }
  return { plain: Buffer.from(lines.join('\n'), 'utf8'), shaAt };
}

/**
 * The new file's bytes for header (whose revision is the one being written). Only changed bodies are
 * encrypted (in parallel on the thread pool); the other ciphertexts are copied once, straight into the
 * file buffer. Unchanged rows' index text comes from their cached RowText (only the offset is written
 * anew). Hashes: the records section once (for the index) and the file once (its checksum).
 */
export async function encodeFile(
  key: CryptoKey,
  header: VaultHeader,
  ids: readonly string[],
  rows: readonly WritableRow[],
): Promise<EncodedFile> {
  const revision = header.revision;
  const n = rows.length;
  const freshAt: number[] = [];
  for (let i = 0; i < n; i++) if (rows[i]!.body !== null) freshAt.push(i);
  const sealed = await Promise.all(
    freshAt.map((i) => seal(key, rows[i]!.body!, recordAad(header.vaultId, ids[i]!, revision))),
  );
  const blobs: Uint8Array[] = new Array(n);
  for (let j = 0; j < freshAt.length; j++) blobs[freshAt[j]!] = sealed[j]!;
  const texts: RowText[] = new Array(n);
  const offs: number[] = new Array(n);
  let off = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const row = rows[i]!;
    row.entryJson ??= JSON.stringify(row.entry);
    const json = row.entryJson;
    let blob = blobs[i];
    let text: RowText;
    if (blob !== undefined) {
      text = rowText(id, revision, blob.length, json);
    } else {
      blob = blobs[i] = row.blob!;
      const cached = row.text;
      if (cached !== undefined && cached.rev === row.rev && cached.len === blob.length && cached.json === json) {
        text = cached;
      } else {
        text = rowText(id, row.rev, blob.length, json);
        row.text = text;
      }
    }
    texts[i] = text;
    offs[i] = off;
    off += blob.length;
  }
  const headerBytes = encodeHeader(header);
  const { plain: indexPlain, shaAt } = encodeIndexRows(revision, texts, offs);
  const { bytes, indexAt, recordsAt } = allocContainer(headerBytes, NONCE_BYTES + indexPlain.length + TAG_BYTES, off);
  // Unchanged neighbours usually lie back to back in the file they were read from: copy them as one run.
  for (let i = 0; i < n; ) {
    const first = blobs[i]!;
    let end = first.byteOffset + first.length;
    let j = i + 1;
    for (; j < n; j++) {
      const b = blobs[j]!;
      if (b.buffer !== first.buffer || b.byteOffset !== end) break;
      end += b.length;
    }
    bytes.set(new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset), recordsAt + offs[i]!);
    i = j;
  }
  const recordsSha256 = createHash('sha256')
    .update(bytes.subarray(recordsAt, recordsAt + off))
    .digest('hex');
  indexPlain.write(recordsSha256, shaAt, 'latin1');
  const index = await seal(key, indexPlain, indexAad(headerBytes));
  bytes.set(index, indexAt);
  finishContainer(bytes);
  return { bytes, indexPlain, freshAt, blobs, offs, texts };
}

/**
 * Checks the bytes read back from the temporary file. They are byte-compared with the encoded bytes
 * first (atomic-write.ts), so their checksum holds; decrypting the index and every fresh record proves
 * the key and the AAD.
 */
export async function verifyWritten(
  key: CryptoKey,
  header: VaultHeader,
  ids: readonly string[],
  encoded: EncodedFile,
  back: Uint8Array,
): Promise<void> {
  const c = decodeContainer(back);
  const plain = await aeadOpen(key, c.index, indexAad(c.headerBytes));
  const same = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).equals(encoded.indexPlain);
  plain.fill(0);
  if (!same) throw new Error('index read back differs');
  await Promise.all(
    encoded.freshAt.map((i) => {
      const off = encoded.offs[i]!;
      const blob = c.records.subarray(off, off + encoded.blobs[i]!.length);
      return aeadOpen(key, blob, recordAad(header.vaultId, ids[i]!, header.revision));
    }),
  );
}
