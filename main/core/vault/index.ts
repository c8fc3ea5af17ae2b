export type { AtomicWriteOptions, AtomicWriteResult, DiskState, SaveStep } from './atomic-write';
export { CURRENT_FORMAT_VERSION, DEFAULT_ITERATIONS, KDF_NAME, MAX_ITERATIONS, MIN_ITERATIONS } from './constants';
export { type CreatedVault, type CreateVaultOptions, createVault } from './create-vault';
export { type DefaultPathInput, defaultVaultPath, VAULT_FILE_NAME } from './default-path';
export { deviceKeyName } from './device-key';
export { nodeFileSystem, type VaultFileHandle, type VaultFileStat, type VaultFileSystem } from './fs-port';
export { type ForgetResult, forgetQuickUnlock, inspectVault, type VaultInfo } from './inspect-vault';
export { measureKdf } from './kdf';
export { type OpenVaultOptions, openVault } from './open';
export { OpenVault, type QuickUnlockState, type ReloadResult, type SaveResult } from './open-vault';
export { parseRecoveryKit } from './recovery-kit';
export type { OldBackups, RekeyOptions, RekeyResult } from './rekey';
export {
  DEFAULT_AUTO_LOCK_MS,
  type LockReason,
  type SessionEvent,
  type SessionOptions,
  type SessionTimer,
  systemTimer,
  VaultSession,
} from './session';
export type { JsonValue, VaultMode } from './types';
