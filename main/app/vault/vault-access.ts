/**
 * How the services reach the open vault, whoever holds it: the app's VaultService (one vault,
 * auto-lock, the save-failed banner) or a command line's per-command session (one vault, open
 * for one command).
 */
import type { RecordVault } from '../../core/credentials/record-vault';
import type { OpenVault } from '../../core/vault/open-vault';
import { mergingRecordVault } from './merging-records';

export interface VaultAccess {
  /** The unlocked vault, counted as user activity (auto-lock); ERR_VAULT_LOCKED when locked. */
  vault(): OpenVault;
  /** The unlocked vault or null, not counted as activity: for background work (refresh, revocation). */
  readonly current: OpenVault | null;
  /**
   * Runs a change that saves. When the save fails the change stays in memory (the vault is
   * dirty) and the holder says so (the app: a `save-failed` event and its banner); the error
   * still reaches the caller.
   */
  write<T>(change: (vault: OpenVault) => Promise<T>, options?: { background?: boolean }): Promise<T>;
  /** The vault as the services' stores see it (default: the vault itself). */
  records?(vault: OpenVault): RecordVault;
}

/**
 * One vault opened for one command: no auto-lock, no banner. Its saves merge when another writer
 * saved first (merging-records.ts); a save that still fails is the command's error.
 */
export function fixedVault(vault: OpenVault): VaultAccess {
  const records = mergingRecordVault(vault);
  return {
    vault: () => vault,
    get current() {
      return vault.isLocked ? null : vault;
    },
    write: (change) => change(vault),
    records: () => records,
  };
}
