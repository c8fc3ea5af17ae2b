import { createHash } from 'node:crypto';
import { LatchError } from '../model/errors';
import { CURRENT_FORMAT_VERSION, MAGIC } from './constants';

/**
 * The byte container (docs/vault-format.md):
 *   magic "LATCHVLT" | u16 format | u32 H | header JSON (H) | u32 I | index blob (I) | u32 R | records (R) | SHA-256 (32)
 * All integers big-endian. The trailing SHA-256 covers every byte before it; it catches accidental damage
 * before any key derivation runs (it is not a security measure: the AEAD tags are).
 */
export interface Container {
  format: number;
  headerBytes: Uint8Array;
  index: Uint8Array;
  records: Uint8Array;
}

const MAGIC_BYTES = new TextEncoder().encode(MAGIC);
export const CHECKSUM_BYTES = 32;
/** Largest section we accept; beyond it the length field itself is damaged. */
const MAX_SECTION = 0x7fff_ffff;

/**
 * The container layout (magic, format, then header, index and records each after a 32-bit length,
 * then a SHA-256 checksum), for sections written in place (a save copies each record blob once,
 * into the file, instead of into a records buffer that is then copied again). finishContainer adds the checksum.
 */
export function allocContainer(
  headerBytes: Uint8Array,
  indexLength: number,
  recordsLength: number,
): { bytes: Buffer; indexAt: number; recordsAt: number } {
  const size = 8 + 2 + 4 + headerBytes.length + 4 + indexLength + 4 + recordsLength + CHECKSUM_BYTES;
  const bytes = Buffer.allocUnsafe(size);
  let o = 0;
  bytes.set(MAGIC_BYTES, o);
  o += 8;
  bytes.writeUInt16BE(CURRENT_FORMAT_VERSION, o);
  o += 2;
  bytes.writeUInt32BE(headerBytes.length, o);
  o += 4;
  bytes.set(headerBytes, o);
  o += headerBytes.length;
  bytes.writeUInt32BE(indexLength, o);
  o += 4;
  const indexAt = o;
  o += indexLength;
  bytes.writeUInt32BE(recordsLength, o);
  o += 4;
  return { bytes, indexAt, recordsAt: o };
}

/** Writes the trailing SHA-256 over every byte before it. */
export function finishContainer(bytes: Buffer): void {
  const n = bytes.length - CHECKSUM_BYTES;
  createHash('sha256').update(bytes.subarray(0, n)).digest().copy(bytes, n);
}

function corrupt(message: string, part: string): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', message, { detail: { part } });
}

/** Magic and format version only: enough to refuse a file that is not a vault or is too new. */
export function readPreamble(bytes: Uint8Array): { format: number } {
  if (bytes.length < 10 || !MAGIC_BYTES.every((b, i) => bytes[i] === b)) {
    if (
      bytes.length < 10 &&
      MAGIC_BYTES.subarray(0, bytes.length).every((b, i) => bytes[i] === b) &&
      bytes.length > 0
    ) {
      throw corrupt('The vault file is truncated (it ends inside its first bytes).', 'preamble');
    }
    throw new LatchError(
      'ERR_VAULT_UNSUPPORTED',
      'This file is not a Latch vault (its first bytes are not "LATCHVLT").',
      {
        detail: { part: 'magic' },
      },
    );
  }
  const format = (bytes[8]! << 8) | bytes[9]!;
  if (format === 0 || format > CURRENT_FORMAT_VERSION) {
    // A newer Latch writes an intact file; a flipped format byte leaves the checksum wrong. Only the
    // first earns "update Latch": telling someone with a damaged file to upgrade sends them the wrong way.
    if (format > CURRENT_FORMAT_VERSION && checksumMatches(bytes)) {
      throw new LatchError(
        'ERR_VAULT_UNSUPPORTED',
        `This vault was made by a newer Latch (format version ${format}; this one reads up to ${CURRENT_FORMAT_VERSION}). Update Latch to open it.`,
        { detail: { part: 'format', format, supported: CURRENT_FORMAT_VERSION } },
      );
    }
    throw corrupt(
      format === 0
        ? 'The vault file is damaged: its format version field reads 0, which no Latch writes.'
        : `The vault file is damaged: its format version field reads ${format}, which no Latch wrote, and its checksum does not match its contents.`,
      'format',
    );
  }
  return { format };
}

/** Splits the file into its sections. Does not check the trailing checksum (see verifyChecksum). */
export function decodeContainer(bytes: Uint8Array): Container {
  const { format } = readPreamble(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 10;
  const names = ['header', 'index', 'records'] as const;
  const parts: Uint8Array[] = [];
  for (const name of names) {
    if (o + 4 > bytes.length) throw corrupt(`The vault file is truncated (it ends before the ${name} section).`, name);
    const len = view.getUint32(o);
    o += 4;
    if (len > MAX_SECTION || o + len > bytes.length - CHECKSUM_BYTES) {
      throw corrupt(`The vault file is truncated or its ${name} length is damaged.`, name);
    }
    parts.push(bytes.subarray(o, o + len));
    o += len;
  }
  if (o + CHECKSUM_BYTES !== bytes.length) {
    throw corrupt(
      o + CHECKSUM_BYTES > bytes.length
        ? 'The vault file is truncated.'
        : 'The vault file has unexpected bytes at its end.',
      'trailer',
    );
  }
  return { format, headerBytes: parts[0]!, index: parts[1]!, records: parts[2]! };
}

function checksumMatches(bytes: Uint8Array): boolean {
  if (bytes.length < CHECKSUM_BYTES) return false;
  const sum = createHash('sha256')
    .update(bytes.subarray(0, bytes.length - CHECKSUM_BYTES))
    .digest();
  return sum.equals(bytes.subarray(bytes.length - CHECKSUM_BYTES));
}

/** Throws ERR_VAULT_CORRUPT when any byte of the file differs from what was written. */
export function verifyChecksum(bytes: Uint8Array): void {
  if (!checksumMatches(bytes)) {
    throw corrupt(
      'The vault file is damaged: its checksum does not match its contents (a changed or missing byte).',
      'checksum',
    );
  }
}

/**
 * Identifies a file's exact content for the changed-on-disk check: SHA-256 of the body and the stored trailer.
 * For a file whose checksum verified (or that we just encoded) both halves are equal, so it costs nothing.
 */
export function fileFingerprint(bytes: Uint8Array): string {
  const n = Math.max(0, bytes.length - CHECKSUM_BYTES);
  const body = createHash('sha256').update(bytes.subarray(0, n)).digest('hex');
  return body + Buffer.from(bytes.subarray(n)).toString('hex');
}

export function trustedFingerprint(bytes: Uint8Array): string {
  const t = Buffer.from(bytes.subarray(bytes.length - CHECKSUM_BYTES)).toString('hex');
  return t + t;
}
