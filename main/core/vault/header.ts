import { LatchError } from '../model/errors';
import { KDF_NAME, VAULT_ID } from './constants';
import type { KdfParams } from './kdf';
import type { VaultMode } from './types';

/** The plain-text header: everything needed before unlocking. Authenticated as described in docs/vault-format.md. */
export interface VaultHeader {
  format: number;
  vaultId: string;
  kdf: KdfParams;
  mode: VaultMode;
  createdAt: string;
  /** Bumped by every save; the index is bound to it, and writers compare it before replacing the file. */
  revision: number;
  /** Wrapped copies of the vault key (base64 of nonce || ciphertext || tag). */
  slots: { password: string; device?: string };
}

const enc = new TextEncoder();

/** Fixed key order so the bytes are reproducible from the object. */
export function encodeHeader(h: VaultHeader): Uint8Array {
  const ordered = {
    format: h.format,
    vaultId: h.vaultId,
    kdf: { name: h.kdf.name, iterations: h.kdf.iterations, salt: h.kdf.salt },
    mode: h.mode,
    createdAt: h.createdAt,
    revision: h.revision,
    slots:
      h.slots.device === undefined
        ? { password: h.slots.password }
        : { password: h.slots.password, device: h.slots.device },
  };
  return enc.encode(JSON.stringify(ordered));
}

function corrupt(field: string): LatchError {
  return new LatchError('ERR_VAULT_CORRUPT', `The vault header is damaged (field "${field}" is missing or invalid).`, {
    detail: { part: 'header', field },
  });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isB64 = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length > 0;

export function decodeHeader(bytes: Uint8Array, format: number): VaultHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw corrupt('json');
  }
  if (!isObj(raw)) throw corrupt('json');
  if (raw.format !== format) throw corrupt('format');
  if (typeof raw.vaultId !== 'string' || !VAULT_ID.test(raw.vaultId)) throw corrupt('vaultId');
  const kdf = raw.kdf;
  if (!isObj(kdf) || typeof kdf.name !== 'string') throw corrupt('kdf');
  if (typeof kdf.iterations !== 'number') throw corrupt('kdf.iterations');
  if (!isB64(kdf.salt) || Buffer.from(kdf.salt, 'base64').length < 16) throw corrupt('kdf.salt');
  if (raw.mode !== 'password' && raw.mode !== 'hardened') throw corrupt('mode');
  if (typeof raw.createdAt !== 'string') throw corrupt('createdAt');
  if (typeof raw.revision !== 'number' || !Number.isSafeInteger(raw.revision) || raw.revision < 0)
    throw corrupt('revision');
  const slots = raw.slots;
  if (!isObj(slots) || !isB64(slots.password)) throw corrupt('slots.password');
  if (slots.device !== undefined && !isB64(slots.device)) throw corrupt('slots.device');
  return {
    format,
    vaultId: raw.vaultId,
    kdf: { name: kdf.name, iterations: kdf.iterations, salt: kdf.salt },
    mode: raw.mode,
    createdAt: raw.createdAt,
    revision: raw.revision,
    slots:
      slots.device === undefined
        ? { password: slots.password }
        : { password: slots.password, device: slots.device as string },
  };
}

export { KDF_NAME };
