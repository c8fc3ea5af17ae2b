import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { MAGIC, VAULT_ID } from './constants';

/** A header is a few hundred bytes (the KDF parameters and two wrapped keys); more means this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;
/** magic (8) | u16 format | u32 header length: see container.ts. */
const PREAMBLE_BYTES = 14;

/**
 * The vault id in a vault file's header, read from its first bytes only: `latch get`'s fast path needs it
 * to find the unlock agent's socket, and leaves every check of the file (checksum, format, key) to the agent,
 * which reads it whole. null for anything that is not plainly a vault: the ordinary path then reads the file
 * and says what is wrong with it. Synchronous because nothing else runs meanwhile; opened O_NONBLOCK so a
 * FIFO put in the vault's place cannot hang it (fstat then refuses anything but a regular file).
 */
export function peekVaultId(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const preamble = Buffer.alloc(PREAMBLE_BYTES);
    if (readSync(fd, preamble, 0, PREAMBLE_BYTES, 0) !== PREAMBLE_BYTES) return null;
    if (preamble.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
    const length = preamble.readUInt32BE(10);
    if (length > MAX_HEADER_BYTES) return null;
    const header = Buffer.alloc(length);
    if (readSync(fd, header, 0, length, PREAMBLE_BYTES) !== length) return null;
    const id = (JSON.parse(header.toString('utf8')) as { vaultId?: unknown } | null)?.vaultId;
    return typeof id === 'string' && VAULT_ID.test(id) ? id : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
