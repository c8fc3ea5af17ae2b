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
  /** The vault file cannot be opened: what is wrong with it, in the unlock error's words; null when it is fine. */
  damaged: { code: string; message: string } | null;
  /** `<vault>.bak` when the vault file is damaged (null otherwise, or when there is none). */
  backup: { path: string; savedAt: string; looksIntact: boolean } | null;
  /** The session is the backup, opened read-only: every write is refused. */
  readOnly: boolean;
}

export type VaultChangeReason =
  | 'unlocked'
  | 'locked'
  | 'auto-locked'
  | 'created'
  | 'settings'
  | 'save-failed'
  | 'saved'
  | 'reloaded'
  | 'restored';

/** What the user chose in the "could not save" banner. */
export type SaveConflictChoice = 'reapply' | 'keep-mine' | 'discard';

/** What a password change did; `rekey` only when the vault key was replaced too. */
export interface PasswordChange {
  status: VaultStatus;
  rekey: {
    /** Records re-encrypted under the new key. */
    records: number;
    backups: 'delete' | 'rekey';
    /** Backups deleted or re-keyed (full paths). */
    changed: string[];
    /** Copies still under the old key because they could not be changed: the user should delete them. */
    leftBehind: string[];
    /** A `latch unlock --for` agent held the old key and was told to forget it. */
    agentStopped: boolean;
    /** Quick unlock was on and is now under the new key ('re-enrolled'), or had to be turned off ('off': no keychain). */
    quickUnlock: 're-enrolled' | 'off' | 'was-off';
  } | null;
}
