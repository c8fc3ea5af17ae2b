import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { Keychain } from '../keychain/keychain';
import { LatchError } from '../model/errors';
import { generateVaultKey } from './aead';
import type { SaveStep } from './atomic-write';
import { CURRENT_FORMAT_VERSION, DEFAULT_ITERATIONS } from './constants';
import { deviceKeyName, generateDeviceKey, storeDeviceKey } from './device-key';
import type { LockOptions } from './file-lock';
import { nodeFileSystem, type VaultFileSystem } from './fs-port';
import type { VaultHeader } from './header';
import { newKdfParams } from './kdf';
import { deviceKek, passwordKek, tryUnwrap, wrapSlot } from './key-slots';
import { OpenVault } from './open-vault';
import { formatRecoveryKit } from './recovery-kit';
import type { VaultMode } from './types';

export interface CreateVaultOptions {
  path: string;
  password: string;
  /** PBKDF2 iterations (default 600,000, floor 100,000). */
  iterations?: number;
  mode?: VaultMode;
  /** Also wrap the vault key with a device key kept in the OS keychain (password mode only). */
  quickUnlock?: boolean;
  keychain?: Keychain;
  fs?: VaultFileSystem;
  now?: () => Date;
  lock?: LockOptions;
  onSaveStep?: (step: SaveStep) => Promise<void> | void;
}

export interface CreatedVault {
  vault: OpenVault;
  /** Hardened mode only: the text the user must save; without it a lost keychain means a lost vault. */
  recoveryKit?: string;
}

/** Creates and writes a new, empty vault; returns it unlocked. */
export async function createVault(o: CreateVaultOptions): Promise<CreatedVault> {
  const fs = o.fs ?? nodeFileSystem;
  const mode = o.mode ?? 'password';
  if (typeof o.password !== 'string' || o.password.length === 0) {
    throw new LatchError('ERR_BAD_INPUT', 'Choose a master password.', { detail: { field: 'password' } });
  }
  if (mode === 'hardened' && o.quickUnlock) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'Quick unlock and hardened mode do not go together: hardened mode always asks for the password.',
    );
  }
  const needsKeychain = mode === 'hardened' || o.quickUnlock === true;
  if (needsKeychain && (!o.keychain || !(await o.keychain.available()))) {
    throw new LatchError(
      'ERR_KEYCHAIN_UNAVAILABLE',
      `The OS keychain is not reachable, so ${mode === 'hardened' ? 'hardened mode' : 'quick unlock'} cannot be set up. Create a password-only vault, or start the keychain (on Linux: gnome-keyring or KWallet) and try again.`,
    );
  }
  if ((await fs.stat(o.path)) !== null) {
    throw new LatchError('ERR_VAULT_EXISTS', `A vault already exists at ${o.path}; open it or choose another path.`, {
      detail: { path: o.path },
    });
  }
  await fs.mkdir(dirname(o.path), 0o700);

  const createdAt = (o.now ?? (() => new Date()))().toISOString();
  const header: VaultHeader = {
    format: CURRENT_FORMAT_VERSION,
    vaultId: randomUUID(),
    kdf: newKdfParams(o.iterations ?? DEFAULT_ITERATIONS),
    mode,
    createdAt,
    revision: 0,
    slots: { password: '' },
  };
  const vaultKey = await generateVaultKey();
  const deviceKey = needsKeychain ? generateDeviceKey() : null;
  const kek = await passwordKek(o.password, header, mode === 'hardened' ? deviceKey : null);
  header.slots.password = await wrapSlot(header, 'password', vaultKey, kek);
  if (o.quickUnlock && deviceKey) {
    header.slots.device = await wrapSlot(header, 'device', vaultKey, await deviceKek(deviceKey));
  }
  // The key used from now on is the non-extractable one, unwrapped from the slot just written.
  const sessionKey = await tryUnwrap(header, 'password', kek, false);
  if (sessionKey === null) throw new LatchError('ERR_INTERNAL', 'A freshly wrapped vault key did not unwrap.');

  let recoveryKit: string | undefined;
  if (deviceKey && o.keychain) {
    // Keychain first: a vault on disk whose device key was never stored would be unopenable.
    await storeDeviceKey(o.keychain, header.vaultId, deviceKey);
    if (mode === 'hardened') recoveryKit = formatRecoveryKit(header.vaultId, deviceKey, createdAt);
  }

  const vault = new OpenVault({
    path: o.path,
    fs,
    keychain: o.keychain,
    header,
    vaultKey: sessionKey,
    kek: { slot: 'password', key: kek },
    deviceKey: mode === 'hardened' ? deviceKey : null,
    rows: new Map(),
    disk: null,
    diskGood: false,
    openedFrom: 'main',
    quickUnlock: o.quickUnlock ? 'armed' : 'off',
    dirty: true,
    ...(o.lock ? { lock: o.lock } : {}),
    ...(o.onSaveStep ? { onSaveStep: o.onSaveStep } : {}),
  });
  try {
    await vault.save();
  } catch (e) {
    vault.lock();
    if (deviceKey && o.keychain) await o.keychain.delete(deviceKeyName(header.vaultId)).catch(() => undefined);
    throw e;
  } finally {
    if (mode !== 'hardened') deviceKey?.fill(0);
  }
  return recoveryKit === undefined ? { vault } : { vault, recoveryKit };
}
