import type { Keychain } from '../keychain/keychain';
import { LatchError } from '../model/errors';
import { decodeContainer, verifyChecksum } from './container';
import { deviceKeyName } from './device-key';
import { nodeFileSystem, type VaultFileSystem } from './fs-port';
import { decodeVaultFile } from './migrate';
import { backupLooksIntact } from './open';
import { backupPathOf } from './resolve-links';
import type { VaultMode } from './types';

export type VaultInfo =
  | { exists: false; path: string }
  | {
      exists: true;
      path: string;
      formatVersion: number;
      vaultId: string;
      kdf: string;
      iterations: number;
      mode: VaultMode;
      /** The file holds a quick-unlock slot. */
      quickUnlock: boolean;
      revision: number;
      createdAt: string;
      size: number;
      backupExists: boolean;
    };

/** Reads the header without unlocking. Throws ERR_VAULT_CORRUPT / ERR_VAULT_UNSUPPORTED for a damaged or foreign file. */
export async function inspectVault(path: string, options: { fs?: VaultFileSystem } = {}): Promise<VaultInfo> {
  const fs = options.fs ?? nodeFileSystem;
  const stat = await fs.stat(path);
  if (stat === null) return { exists: false, path };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    if (e instanceof LatchError) throw e; // not a regular file, or far too large: already says so
    throw new LatchError('ERR_VAULT_CORRUPT', 'The vault file could not be read.', {
      cause: e,
      detail: { part: 'file' },
    });
  }
  decodeContainer(bytes);
  verifyChecksum(bytes);
  const { header, format } = decodeVaultFile(bytes);
  return {
    exists: true,
    path,
    formatVersion: format,
    vaultId: header.vaultId,
    kdf: header.kdf.name,
    iterations: header.kdf.iterations,
    mode: header.mode,
    quickUnlock: header.slots.device !== undefined,
    revision: header.revision,
    createdAt: header.createdAt,
    size: bytes.length,
    backupExists: (await fs.stat(await backupPathOf(fs, path))) !== null,
  };
}

export interface BackupInfo {
  path: string;
  /** When the backup was written (the save before the last one), ISO 8601. */
  savedAt: string;
  /** Magic, structure and checksum pass; whether the password opens it is for the unlock to tell. */
  looksIntact: boolean;
}

/** `<vault>.bak` beside the real file, for a damaged vault's report; null when there is none. */
export async function inspectBackup(path: string, options: { fs?: VaultFileSystem } = {}): Promise<BackupInfo | null> {
  const fs = options.fs ?? nodeFileSystem;
  const backup = await backupPathOf(fs, path);
  const stat = await fs.stat(backup).catch(() => null);
  if (stat === null) return null;
  return {
    path: backup,
    savedAt: new Date(stat.mtimeMs).toISOString(),
    looksIntact: await backupLooksIntact(fs, path),
  };
}

export interface ForgetResult {
  vaultId: string;
  /** True when a quick-unlock device key was removed from the keychain. */
  forgotten: boolean;
  reason: 'forgotten' | 'quick-unlock-off' | 'no-key-stored' | 'hardened';
}

/**
 * "Lock and forget": deletes this vault's quick-unlock device key from the OS keychain, so the next
 * unlock needs the master password. The file is not touched (no password needed, works while locked);
 * its quick-unlock slot stays but can no longer be opened, and the next password unlock re-arms quick
 * unlock with a fresh device key. Hardened vaults are left alone: their device key is half of the
 * password, and deleting it would make the recovery kit the only way back in.
 */
export async function forgetQuickUnlock(o: {
  path: string;
  keychain: Keychain;
  fs?: VaultFileSystem;
}): Promise<ForgetResult> {
  const info = await inspectVault(o.path, o.fs ? { fs: o.fs } : {});
  if (!info.exists) {
    throw new LatchError('ERR_VAULT_NOT_FOUND', `No vault at ${o.path}.`, { detail: { path: o.path } });
  }
  if (info.mode === 'hardened') return { vaultId: info.vaultId, forgotten: false, reason: 'hardened' };
  if (!info.quickUnlock) return { vaultId: info.vaultId, forgotten: false, reason: 'quick-unlock-off' };
  const removed = await o.keychain.delete(deviceKeyName(info.vaultId));
  return { vaultId: info.vaultId, forgotten: removed, reason: removed ? 'forgotten' : 'no-key-stored' };
}
