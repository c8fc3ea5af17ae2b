import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CURRENT_FORMAT_VERSION, KDF_NAME, MAGIC, VAULT_ID } from './constants';
import { checkIterations, type KdfParams } from './kdf';

/** A header is a few hundred bytes (the KDF parameters and two wrapped keys); more means this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;
/** magic (8) | u16 format | u32 header length: see container.ts. */
const PREAMBLE_BYTES = 14;

/**
 * The header's JSON, read from a vault file's first bytes only; null for anything that is not plainly a vault.
 * Synchronous because nothing else runs meanwhile; opened O_NONBLOCK so a FIFO put in the vault's place cannot
 * hang it (fstat then refuses anything but a regular file). Nothing here is verified: the checksum covers the
 * whole file, which the ordinary open reads and checks before it uses anything.
 */
function peekHeader(path: string): { format: number; json: Record<string, unknown> } | null {
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
    const json: unknown = JSON.parse(header.toString('utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    return { format: preamble.readUInt16BE(8), json: json as Record<string, unknown> };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The vault id in a vault file's header: `latch get`'s fast path needs it to find the unlock agent's socket,
 * and leaves every check of the file (checksum, format, key) to the agent, which reads it whole.
 */
export function peekVaultId(path: string): string | null {
  const id = peekHeader(path)?.json.vaultId;
  return typeof id === 'string' && VAULT_ID.test(id) ? id : null;
}

/**
 * The KDF parameters in a vault file's header, unverified: `latch get --password-stdin` starts the key
 * derivation with them (StartedDerivation) while the file is read and checked, and the open uses the result
 * only if the verified header names the same. null unless they are ones this Latch would run: this format, its KDF, an
 * iteration count within the bounds an open accepts (a damaged one must not start minutes of work), a salt.
 */
export function peekKdf(path: string): KdfParams | null {
  const header = peekHeader(path);
  // Another format's header may mean other things by the same fields (a newer Latch's file: the open says so).
  if (header?.format !== CURRENT_FORMAT_VERSION) return null;
  const kdf = header.json.kdf as Partial<Record<keyof KdfParams, unknown>> | undefined;
  if (typeof kdf !== 'object' || kdf === null) return null;
  const { name, iterations, salt } = kdf;
  if (name !== KDF_NAME || typeof salt !== 'string' || salt.length === 0) return null;
  if (typeof iterations !== 'number') return null;
  try {
    checkIterations(iterations, 'open');
  } catch {
    return null; // the open refuses it, and says why
  }
  return { name, iterations, salt };
}
