/**
 * How the services reach the open vault, whoever holds it: the app's VaultService (one vault,
 * auto-lock, the save-failed banner) or a command line's per-command session (one vault, open
 * for one command).
 */
import type { RecordVault } from '../../core/credentials/record-vault';
import type { LimitVault } from '../../core/limits';
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

/**
 * The open vault as a record store whose saves take the one path every save takes (`write`), so a
 * failed save of request history, an audit report or rate-limit state raises the same save-failed
 * banner as a credential's, and a command line's save merges as its credential saves do.
 */
export function savingRecords(access: VaultAccess, options: { background?: boolean } = {}): LimitVault {
  // vault() throws ERR_VAULT_LOCKED when there is no open vault to work on in the background either.
  const v = (options.background ? access.current : null) ?? access.vault();
  const records = access.records?.(v) ?? v;
  return {
    entries: () => records.entries(),
    readRecord: (id) => records.readRecord(id),
    putRecord: (id, entry, body) => records.putRecord(id, entry, body),
    deleteRecord: (id) => records.deleteRecord(id),
    writerTurn: (fn) => v.writerTurn(fn),
    save: () => access.write(() => records.save(), options),
    reload: () => v.reload(),
    get revision() {
      return v.revision;
    },
  };
}
