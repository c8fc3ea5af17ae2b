import { createHash } from 'node:crypto';
import { LatchError } from '../model/errors';
import { KEY_BYTES } from './constants';

/**
 * The recovery kit of a hardened vault: the device key in a form a person can print or type,
 * bound to the vault id by a checksum so a typo or the wrong vault's kit is caught before any
 * key derivation runs. Base32 (RFC 4648 alphabet) because it survives handwriting and OCR.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX = 'LATCH-RK1-';
const CHECK_BYTES = 4;

function checksum(vaultId: string, key: Uint8Array): Uint8Array {
  return createHash('sha256')
    .update(`latch-recovery-kit-v1\0${vaultId}\0`)
    .update(key)
    .digest()
    .subarray(0, CHECK_BYTES);
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return null;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

export function encodeRecoverySecret(vaultId: string, deviceKey: Uint8Array): string {
  const payload = new Uint8Array(KEY_BYTES + CHECK_BYTES);
  payload.set(deviceKey, 0);
  payload.set(checksum(vaultId, deviceKey), KEY_BYTES);
  const groups = base32(payload).match(/.{1,5}/g) ?? [];
  payload.fill(0);
  return PREFIX + groups.join('-');
}

export function formatRecoveryKit(vaultId: string, deviceKey: Uint8Array, createdAt: string): string {
  return [
    'LATCH RECOVERY KIT',
    '==================',
    '',
    `Vault id:   ${vaultId}`,
    `Created:    ${createdAt}`,
    '',
    'Recovery secret:',
    `  ${encodeRecoverySecret(vaultId, deviceKey)}`,
    '',
    'This vault is in hardened mode: opening it needs BOTH your master password AND a device key',
    "kept in this computer's keychain. If that keychain is lost (new computer, reinstalled system,",
    'keychain reset), this recovery secret replaces the device key. Without it, and with only the',
    'password, the vault cannot be opened by anyone, including you.',
    '',
    'Keep this kit offline and apart from your password (print it, or store it in another password',
    'manager). Anyone who has both this kit and your master password can open the vault.',
    '',
    'To open the vault on another computer: Latch → Open vault → "Use recovery kit", or on the command',
    'line: latch <command> --recovery-kit FILE (a file holding this text or just the secret line).',
    '',
  ].join('\n');
}

function bad(message: string): LatchError {
  return new LatchError('ERR_BAD_INPUT', message, { detail: { field: 'recoveryKit' } });
}

/**
 * Accepts the whole kit text or just the secret line, with any spacing or case.
 * Returns the device key; throws ERR_BAD_INPUT when the kit is mistyped or belongs to another vault.
 */
export function parseRecoveryKit(text: string, vaultId: string): Uint8Array {
  const idMatch = /Vault id:\s*([0-9a-f-]{36})/i.exec(text);
  if (idMatch && idMatch[1]!.toLowerCase() !== vaultId) {
    throw bad(`This recovery kit is for another vault (${idMatch[1]}); this vault is ${vaultId}.`);
  }
  const upper = text.toUpperCase();
  const prefix = /LATCH[\s-]*RK1[\s-]*/.exec(upper);
  if (!prefix) throw bad(`No recovery secret found: it starts with ${PREFIX}.`);
  // The secret may be wrapped over lines; it ends at the first blank line.
  const tail = upper.slice(prefix.index + prefix[0].length).split(/\r?\n\s*\r?\n/)[0] ?? '';
  const cleaned = tail.replace(/[\s-]/g, '');
  const payload = unbase32(cleaned.slice(0, Math.ceil(((KEY_BYTES + CHECK_BYTES) * 8) / 5)));
  if (payload === null || payload.length < KEY_BYTES + CHECK_BYTES) {
    throw bad('The recovery secret is incomplete or holds characters that are not in it (A-Z, 2-7).');
  }
  const key = payload.slice(0, KEY_BYTES);
  const check = payload.subarray(KEY_BYTES, KEY_BYTES + CHECK_BYTES);
  const matches = checksum(vaultId, key).every((b, i) => b === check[i]);
  payload.fill(0);
  if (!matches) {
    key.fill(0);
    throw bad('The recovery secret does not match this vault: check it for typos, or use the kit of this vault.');
  }
  return key;
}
