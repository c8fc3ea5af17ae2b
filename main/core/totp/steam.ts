import { createHmac } from 'node:crypto';
import { parseBase32Secret } from './base32';
import { STEAM_DIGITS, STEAM_PERIOD } from './types';

/** Steam Guard's 26-character alphabet: digits and consonants without look-alikes. */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * Steam Guard code at `nowMs`: HMAC-SHA1 over the 30 s time step with RFC 4226 dynamic truncation,
 * then the 31-bit value written as 5 base-26 "digits", least significant first.
 *
 * Hand-written rather than through otplib: otplib 13 only exposes an `encodeToken` hook, and its
 * Steam encoder ships as a separate community plugin that is not a dependency. Steam is a dozen
 * lines of node:crypto, and keeping it outside otplib means a change in otplib's hook contract
 * cannot silently break Steam codes (the unit test pins a published vector).
 */
export function steamCode(secret: string, nowMs: number): string {
  const { bytes } = parseBase32Secret(secret);
  return steamCodeFromBytes(bytes, Math.floor(nowMs / 1000 / STEAM_PERIOD));
}

export function steamCodeFromBytes(key: Uint8Array, step: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
