import { LatchError } from '../model/errors';
import { slotAad } from './aad';
import { generateVaultKey, importKek, unwrapKey, wrapKey } from './aead';
import type { VaultHeader } from './header';
import { combineHardened, derivePasswordBits, newKdfParams, type StartedDerivation } from './kdf';
import type { CryptoKey } from './types';

/**
 * Key slots: the one vault key, wrapped (AES-256-GCM) under each way of unlocking.
 *  - password slot: KEK = PBKDF2(password) in password mode, HKDF(PBKDF2(password) || device key) in hardened mode.
 *  - device slot (quick unlock, password mode only): KEK = the device key from the OS keychain.
 * The password slot's AAD names the KDF parameters, so an edited header never unwraps.
 */
export function slotBinding(h: VaultHeader) {
  return { format: h.format, vaultId: h.vaultId, kdf: h.kdf, mode: h.mode };
}

/** `started`: a derivation begun before the header was verified; used only when it is for this password and h.kdf. */
export async function passwordKek(
  password: string,
  h: VaultHeader,
  deviceKey: Uint8Array | null,
  started?: StartedDerivation,
): Promise<CryptoKey> {
  const bits = await (started?.take(password, h.kdf) ?? derivePasswordBits(password, h.kdf));
  if (h.mode === 'hardened') {
    if (deviceKey === null) throw new Error('hardened mode needs the device key');
    return importKek(await combineHardened(bits, deviceKey.slice(), h.kdf));
  }
  return importKek(bits);
}

export async function deviceKek(deviceKey: Uint8Array): Promise<CryptoKey> {
  return importKek(deviceKey.slice());
}

export const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
export const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** Unwraps a slot; returns null when the KEK does not fit (wrong password, wrong device key, or an edited header). */
export async function tryUnwrap(
  h: VaultHeader,
  purpose: 'password' | 'device',
  kek: CryptoKey,
  extractable: boolean,
): Promise<CryptoKey | null> {
  const blob = purpose === 'password' ? h.slots.password : h.slots.device;
  if (blob === undefined) return null;
  try {
    return await unwrapKey(unb64(blob), kek, slotAad(purpose, slotBinding(h)), extractable);
  } catch {
    return null;
  }
}

export async function wrapSlot(
  h: VaultHeader,
  purpose: 'password' | 'device',
  vaultKey: CryptoKey,
  kek: CryptoKey,
): Promise<string> {
  return b64(await wrapKey(vaultKey, kek, slotAad(purpose, slotBinding(h))));
}

export function wrongPassword(): LatchError {
  return new LatchError('ERR_WRONG_PASSWORD', 'Wrong password.');
}

/**
 * The header with the password slot re-wrapped under a new password and fresh KDF parameters (the
 * vault key itself is unchanged). Needs the current password: the slot is unwrapped again, extractable,
 * for this one wrapKey call.
 */
export async function rewrapPasswordSlot(
  header: VaultHeader,
  deviceKey: Uint8Array | null,
  oldPassword: string,
  newPassword: string,
  iterations: number,
): Promise<{ header: VaultHeader; kek: CryptoKey }> {
  const oldKek = await passwordKek(oldPassword, header, deviceKey);
  const extractable = await tryUnwrap(header, 'password', oldKek, true);
  if (extractable === null) throw wrongPassword();
  const next: VaultHeader = { ...header, kdf: newKdfParams(iterations), slots: { ...header.slots } };
  const kek = await passwordKek(newPassword, next, deviceKey);
  next.slots.password = await wrapSlot(next, 'password', extractable, kek);
  return { header: next, kek };
}

/**
 * A header for a new vault key (a re-key): fresh KDF salt, the password slot under newPassword (with the
 * hardened device key in hardened mode), and a device slot when quickDeviceKey is given. The new key is
 * generated extractable only to be wrapped; the one returned is unwrapped again, non-extractable.
 */
export async function newKeyHeader(
  h: VaultHeader,
  newPassword: string,
  hardenedDeviceKey: Uint8Array | null,
  iterations: number,
  quickDeviceKey: Uint8Array | null,
): Promise<{ header: VaultHeader; kek: CryptoKey; key: CryptoKey }> {
  const header: VaultHeader = { ...h, kdf: newKdfParams(iterations), slots: { password: '' } };
  const fresh = await generateVaultKey();
  const kek = await passwordKek(newPassword, header, h.mode === 'hardened' ? hardenedDeviceKey : null);
  header.slots.password = await wrapSlot(header, 'password', fresh, kek);
  if (quickDeviceKey) header.slots.device = await wrapSlot(header, 'device', fresh, await deviceKek(quickDeviceKey));
  const key = await tryUnwrap(header, 'password', kek, false);
  if (key === null) throw new LatchError('ERR_INTERNAL', 'A freshly wrapped vault key did not unwrap.');
  return { header, kek, key };
}
