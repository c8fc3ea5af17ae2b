/** The vault as the app reports it; the contract's VaultStatus schema has the same shape. */
export interface VaultStatus {
  path: string;
  /** absent: no vault file yet (first run). */
  state: 'absent' | 'locked' | 'unlocked';
  mode: 'password' | 'hardened' | null;
  quickUnlock: 'off' | 'armed' | 'forgotten' | 'unknown';
  keychainReachable: boolean;
  iterations: number | null;
  formatVersion: number | null;
  openedFromBackup: boolean;
  backupExists: boolean;
  /** Changes kept in memory because the last save failed. */
  unsaved: boolean;
  /** Why the last save failed (ERR_VAULT_CHANGED_ON_DISK: another program wrote the file), or null. */
  saveError: string | null;
  backupError: string | null;
  retryAfterMs: number;
}

export type VaultChangeReason =
  | 'unlocked'
  | 'locked'
  | 'auto-locked'
  | 'created'
  | 'settings'
  | 'save-failed'
  | 'saved'
  | 'reloaded';

/** What the user chose in the "could not save" banner. */
export type SaveConflictChoice = 'reapply' | 'keep-mine' | 'discard';
