import { createDecipheriv, KeyObject } from 'node:crypto';
import { NONCE_BYTES, TAG_BYTES } from './constants';
import type { CryptoKey } from './types';

const subtle = globalThis.crypto.subtle;

/** AES-256-GCM with a fresh random 96-bit nonce; returns nonce || ciphertext || tag. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plaintext));
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(iv, 0);
  out.set(ct, NONCE_BYTES);
  return out;
}

/**
 * Decrypts nonce || ciphertext || tag; throws when the blob, key or AAD do not match, and nothing of the
 * plaintext leaves before the tag is checked (it is zeroed then).
 *
 * node:crypto rather than WebCrypto's decrypt, for the same AES-256-GCM: WebCrypto copies the whole input
 * before a thread-pool job and hands back a fresh buffer through another event-loop turn; at 10,000 records
 * the index is 4 MB, and the copy, the wait and the fresh memory cost more than the cipher itself.
 * KeyObject.from gives the node:crypto handle that the CryptoKey already wraps (the same native key, no
 * export): raw key bytes never enter JS memory, the handle lives only for this call, and it is dropped with
 * the CryptoKey on lock, exactly as before. A non-extractable key stays usable only to the code that holds
 * it, which could decrypt with WebCrypto anyway.
 */
export async function open(key: CryptoKey, blob: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  if (blob.length < NONCE_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', KeyObject.from(key), blob.subarray(0, NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
  const plain = decipher.update(blob.subarray(NONCE_BYTES, blob.length - TAG_BYTES));
  try {
    decipher.final();
  } catch (e) {
    plain.fill(0);
    throw e;
  }
  // A plain Uint8Array over the same bytes, as WebCrypto gave: a Buffer's slice() is a view, not a copy.
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
}

/** Wraps an AES key under a key-encryption key; the key material never enters JS memory. */
export async function wrapKey(key: CryptoKey, kek: CryptoKey, aad: Uint8Array): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const ct = new Uint8Array(await subtle.wrapKey('raw', key, kek, { name: 'AES-GCM', iv, additionalData: aad }));
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(iv, 0);
  out.set(ct, NONCE_BYTES);
  return out;
}

/**
 * Unwraps a vault key. extractable=false for the key that encrypts data; true only for the
 * moment a key has to be re-wrapped (password change, quick unlock), and never exported to JS.
 */
export async function unwrapKey(
  blob: Uint8Array,
  kek: CryptoKey,
  aad: Uint8Array,
  extractable: boolean,
): Promise<CryptoKey> {
  if (blob.length < NONCE_BYTES + TAG_BYTES) throw new Error('wrapped key too short');
  return subtle.unwrapKey(
    'raw',
    blob.subarray(NONCE_BYTES),
    kek,
    { name: 'AES-GCM', iv: blob.subarray(0, NONCE_BYTES), additionalData: aad },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/** Raw bytes of an extractable key (the agent's copy of the vault key). */
export async function exportRawKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('raw', key));
}

/** Imports 32 raw vault-key bytes as a non-extractable data key, then zeroes them. */
export async function importVaultKey(raw: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** A fresh random vault key, extractable only so it can be wrapped once at creation. */
export async function generateVaultKey(): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** Imports 32 raw bytes as a key-encryption key, then zeroes them. */
export async function importKek(raw: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
  } finally {
    raw.fill(0);
  }
}
