import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Keychain } from '../keychain/keychain';
import { LatchError } from '../model/errors';
import type { DiskState, SaveStep } from './atomic-write';
import { decodeContainer, fileFingerprint, readPreamble, trustedFingerprint, verifyChecksum } from './container';
import { loadDeviceKey, storeDeviceKey } from './device-key';
import type { LockOptions } from './file-lock';
import { LineIndex } from './format/v1/index-lines';
import { decryptIndex } from './format/v1/read';
import { nodeFileSystem, type VaultFileStat, type VaultFileSystem } from './fs-port';
import { checkIterations, type StartedDerivation } from './kdf';
import { deviceKek, passwordKek, tryUnwrap, wrongPassword } from './key-slots';
import { decodeVaultFile } from './migrate';
import { OpenVault, type QuickUnlockState } from './open-vault';
import { parseRecoveryKit } from './recovery-kit';
import { backupPathOf } from './resolve-links';
import type { CryptoKey } from './types';

export interface OpenVaultOptions {
  path: string;
  /** The master password; not needed with useQuickUnlock. */
  password?: string;
  /** Unlock with the device key from the OS keychain instead of the password (password mode with quick unlock on). */
  useQuickUnlock?: boolean;
  /** Hardened mode on a machine without the device key: the recovery kit text (or its secret line). */
  recoveryKit?: string;
  /** After a recovery-kit unlock, put the device key back in this machine's keychain (default true). */
  restoreDeviceKey?: boolean;
  /** Open `<path>.bak` (offered when the main file is damaged); the next save rewrites `<path>`. */
  useBackup?: boolean;
  /** Refuse every write (a backup opened to read: `latch --vault FILE.bak`). */
  readOnly?: boolean;
  /**
   * The vault key itself, as the command-line agent holds it (`latch unlock --for`): no KDF runs and no
   * slot is unwrapped. A key that does not fit this file fails with ERR_VAULT_LOCKED.
   */
  vaultKey?: CryptoKey;
  /** The file as the caller already read it (readVaultSource), so it is read and checked once. */
  source?: VaultSource;
  /**
   * Called once the unlock's slow step has started off this thread (the key derivation on the thread pool, or
   * the index's decryption with a given key): what the caller needs after the unlock (a command's modules) can
   * load meanwhile instead of after. `derived` settles when that step is over (at once with a given key), so
   * that work the caller does only to pass the time can stop then. Not called when the unlock fails before that
   * step.
   */
  whileDeriving?: (derived: Promise<void>) => void;
  /**
   * The password's key derivation, begun before the file was verified (the command line's `get --password-stdin`):
   * taken only if it is for this password and the verified header's KDF parameters, else derived anew.
   */
  startedKdf?: StartedDerivation;
  keychain?: Keychain;
  fs?: VaultFileSystem;
  lock?: LockOptions;
  onSaveStep?: (step: SaveStep) => Promise<void> | void;
}

function notFound(path: string): LatchError {
  return new LatchError(
    'ERR_VAULT_NOT_FOUND',
    `No vault at ${path}. Create one with "latch init" or choose another file.`,
    {
      detail: { path },
    },
  );
}

function errno(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Unlocks a vault: decrypts its index (entries); record bodies are decrypted on demand. */
export async function openVault(o: OpenVaultOptions): Promise<OpenVault> {
  const fs = o.fs ?? nodeFileSystem;
  try {
    return await openFrom(o, fs);
  } catch (e) {
    if (
      !o.useBackup &&
      e instanceof LatchError &&
      (e.code === 'ERR_VAULT_CORRUPT' || e.code === 'ERR_VAULT_UNSUPPORTED')
    ) {
      // Every damaged file offers the backup; a file from a newer Latch is not damaged (update instead).
      const newer = e.code === 'ERR_VAULT_UNSUPPORTED' && e.detail?.part === 'format';
      if (!newer && (await backupLooksIntact(fs, o.path))) {
        throw new LatchError(
          e.code,
          `${e.message} The backup ${basename(o.path)}.bak looks intact: open it instead (your last save before the damage).`,
          { cause: e, detail: { ...e.detail, backupAvailable: true } },
        );
      }
    }
    throw e;
  }
}

/** The backup passes the cheap checks (magic, structure, checksum). Whether it decrypts is for the unlock to tell. */
export async function backupLooksIntact(fs: VaultFileSystem, path: string): Promise<boolean> {
  try {
    const bytes = await fs.readFile(await backupPathOf(fs, path));
    decodeContainer(bytes);
    verifyChecksum(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface VaultSource {
  stat: VaultFileStat;
  bytes: Uint8Array;
}

/** Reads the vault file once; openVault takes it as `source`. ERR_VAULT_NOT_FOUND when there is none. */
export function readVaultSource(path: string, fs: VaultFileSystem = nodeFileSystem): Promise<VaultSource> {
  return readSource(fs, path);
}

async function readSource(fs: VaultFileSystem, path: string): Promise<VaultSource> {
  // stat before read: if the file is replaced in between, the stat will not match at save time and the content is re-checked.
  try {
    const stat = await fs.stat(path);
    if (stat === null) throw notFound(path);
    return { stat, bytes: await fs.readFile(path) };
  } catch (e) {
    if (errno(e) === 'ENOENT') throw notFound(path);
    if (e instanceof LatchError) throw e; // not a regular file, or far too large: already says so
    throw new LatchError('ERR_VAULT_CORRUPT', `The vault file could not be read (${errno(e) ?? 'read error'}).`, {
      cause: e,
      detail: { part: 'file' },
    });
  }
}

const nextTick = () => new Promise<void>((r) => setImmediate(r));
const noop = () => undefined;

async function openFrom(o: OpenVaultOptions, fs: VaultFileSystem): Promise<OpenVault> {
  const source = o.useBackup ? await backupPathOf(fs, o.path) : o.path;
  const { stat, bytes } = o.source ?? (await readSource(fs, source));
  readPreamble(bytes);
  const file = decodeVaultFile(bytes);
  const { header, container } = file;
  if (o.vaultKey) return openWithKey(o, fs, { stat, bytes }, file, o.vaultKey);
  checkIterations(header.kdf.iterations, 'open');

  let kekPromise: Promise<CryptoKey>;
  let slot: 'password' | 'device';
  let deviceKey: Uint8Array | null = null;
  let usedKit = false;
  if (o.useQuickUnlock && o.password === undefined) {
    slot = 'device';
    if (header.slots.device === undefined) {
      throw new LatchError('ERR_QUICK_UNLOCK_OFF', 'Quick unlock is off for this vault; enter the master password.');
    }
    if (!o.keychain)
      throw new LatchError('ERR_KEYCHAIN_UNAVAILABLE', 'No OS keychain to read the quick-unlock key from.');
    const dk = await loadDeviceKey(o.keychain, header.vaultId);
    if (dk === null) {
      throw new LatchError(
        'ERR_QUICK_UNLOCK_OFF',
        "This computer's keychain holds no quick-unlock key for this vault (it was locked and forgotten, or this is another computer); enter the master password.",
      );
    }
    kekPromise = deviceKek(dk).finally(() => dk.fill(0));
  } else {
    slot = 'password';
    if (o.password === undefined || o.password.length === 0) {
      throw new LatchError('ERR_BAD_INPUT', 'The master password is needed to unlock this vault.', {
        detail: { field: 'password' },
      });
    }
    if (header.mode === 'hardened') {
      if (o.recoveryKit !== undefined) {
        deviceKey = parseRecoveryKit(o.recoveryKit, header.vaultId);
        usedKit = true;
      } else {
        let keychainUp = false;
        if (o.keychain) {
          try {
            deviceKey = await loadDeviceKey(o.keychain, header.vaultId);
            keychainUp = true;
          } catch (e) {
            if (!(e instanceof LatchError && e.code === 'ERR_KEYCHAIN_UNAVAILABLE')) throw e;
          }
        }
        if (deviceKey === null) {
          throw new LatchError(
            'ERR_DEVICE_KEY_MISSING',
            keychainUp
              ? "This vault is in hardened mode and this computer's keychain holds no device key for it. Unlock with the recovery kit and the master password."
              : 'This vault is in hardened mode and needs its device key, but the OS keychain is not reachable. Unlock with the recovery kit and the master password.',
            { detail: { keychain: keychainUp ? 'no-key' : 'unavailable', vaultId: header.vaultId } },
          );
        }
      }
    }
    kekPromise = passwordKek(o.password, header, deviceKey, o.startedKdf);
  }
  kekPromise.catch(() => undefined);

  // While PBKDF2 runs on the thread pool, check the file's integrity on this thread (then the caller's work).
  await nextTick();
  o.whileDeriving?.(kekPromise.then(noop, noop));
  let recordsSha256: string;
  try {
    verifyChecksum(bytes);
    recordsSha256 = createHash('sha256').update(container.records).digest('hex');
  } catch (e) {
    deviceKey?.fill(0);
    throw e;
  }
  const kek = await kekPromise;
  const vaultKey = await tryUnwrap(header, slot, kek, false);
  if (vaultKey === null) {
    deviceKey?.fill(0);
    if (slot === 'device') {
      throw new LatchError(
        'ERR_QUICK_UNLOCK_OFF',
        'The stored quick-unlock key does not fit this vault; enter the master password.',
      );
    }
    throw wrongPassword();
  }
  const { rows } = await decryptIndex(vaultKey, container, header, recordsSha256);

  if (usedKit && deviceKey && o.keychain && o.restoreDeviceKey !== false) {
    await storeDeviceKey(o.keychain, header.vaultId, deviceKey).catch(() => undefined);
  }
  if (header.mode !== 'hardened') deviceKey = null;

  let quickUnlock: QuickUnlockState = 'off';
  if (header.slots.device !== undefined) {
    if (slot === 'device') quickUnlock = 'armed';
    else if (!o.keychain) quickUnlock = 'unknown';
    else {
      try {
        const dk = await loadDeviceKey(o.keychain, header.vaultId);
        quickUnlock = dk ? 'armed' : 'forgotten';
        dk?.fill(0);
      } catch {
        quickUnlock = 'unknown';
      }
    }
  }

  let disk: DiskState | null = { stat, fingerprint: trustedFingerprint(bytes) };
  let diskGood = true;
  if (o.useBackup) {
    // The main file is damaged (or gone): the next save replaces it knowingly, and must not back it up.
    diskGood = false;
    try {
      const mainStat = await fs.stat(o.path);
      disk = mainStat ? { stat: mainStat, fingerprint: fileFingerprint(await fs.readFile(o.path)) } : null;
    } catch (e) {
      // No OpenVault will own the decrypted index (whose lock zeroes it): zeroed here, not left to the GC.
      if (rows instanceof LineIndex) rows.wipe();
      deviceKey?.fill(0);
      throw e;
    }
  }

  return new OpenVault({
    path: o.path,
    fs,
    keychain: o.keychain,
    header,
    vaultKey,
    kek: { slot, key: kek },
    deviceKey,
    rows,
    disk,
    diskGood,
    openedFrom: o.useBackup ? 'backup' : 'main',
    quickUnlock,
    readOnly: o.readOnly === true,
    dirty: file.migrated || o.useBackup === true,
    ...(o.lock ? { lock: o.lock } : {}),
    ...(o.onSaveStep ? { onSaveStep: o.onSaveStep } : {}),
  });
}

/** The agent's path: the vault key is given, so only the file's integrity and the index are checked. */
async function openWithKey(
  o: OpenVaultOptions,
  fs: VaultFileSystem,
  { stat, bytes }: VaultSource,
  file: ReturnType<typeof decodeVaultFile>,
  vaultKey: CryptoKey,
): Promise<OpenVault> {
  o.whileDeriving?.(Promise.resolve());
  verifyChecksum(bytes);
  const { header, container } = file;
  let rows: Awaited<ReturnType<typeof decryptIndex>>['rows'];
  try {
    ({ rows } = await decryptIndex(vaultKey, container, header));
  } catch (e) {
    if (e instanceof LatchError && e.detail?.part === 'index')
      throw new LatchError('ERR_VAULT_LOCKED', 'The key held for this vault does not open it; unlock it again.');
    throw e;
  }
  return new OpenVault({
    path: o.path,
    fs,
    keychain: o.keychain,
    header,
    vaultKey,
    kek: null,
    deviceKey: null,
    rows,
    disk: { stat, fingerprint: trustedFingerprint(bytes) },
    diskGood: true,
    openedFrom: 'main',
    quickUnlock: header.slots.device === undefined ? 'off' : 'unknown',
    readOnly: o.readOnly === true,
    dirty: file.migrated,
    ...(o.lock ? { lock: o.lock } : {}),
    ...(o.onSaveStep ? { onSaveStep: o.onSaveStep } : {}),
  });
}
