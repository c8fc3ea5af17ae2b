import type { Keychain } from '../keychain/keychain';
import { KEY_BYTES } from './constants';

/** One random device key per vault, filed in the OS keychain under this name. */
export const deviceKeyName = (vaultId: string): string => `vault-device-key/${vaultId}`;

export function generateDeviceKey(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

export async function storeDeviceKey(keychain: Keychain, vaultId: string, key: Uint8Array): Promise<void> {
  await keychain.set(deviceKeyName(vaultId), Buffer.from(key).toString('base64'));
}

/** null when this machine's keychain holds no device key for the vault (or holds something that is not one). */
export async function loadDeviceKey(keychain: Keychain, vaultId: string): Promise<Uint8Array | null> {
  const stored = await keychain.get(deviceKeyName(vaultId));
  if (stored === null) return null;
  const key = new Uint8Array(Buffer.from(stored, 'base64'));
  return key.length === KEY_BYTES ? key : null;
}
