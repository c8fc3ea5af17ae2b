import { z } from 'zod';
import {
  MASTER_PASSWORD_RULE,
  MAX_MASTER_PASSWORD_LENGTH,
  MIN_MASTER_PASSWORD_LENGTH,
} from '../../main/core/model/master-password';
import { channel } from '../define';
import { Empty } from './app';

export const VaultStatus = z.object({
  path: z.string(),
  /** absent: no vault file yet (first run). */
  state: z.enum(['absent', 'locked', 'unlocked']),
  mode: z.enum(['password', 'hardened']).nullable(),
  quickUnlock: z.enum(['off', 'armed', 'forgotten', 'unknown']),
  keychainReachable: z.boolean(),
  iterations: z.number().nullable(),
  formatVersion: z.number().nullable(),
  /** The main file was damaged and the backup was opened instead. */
  openedFromBackup: z.boolean(),
  backupExists: z.boolean(),
  /** Changes kept in memory because the last save failed. */
  unsaved: z.boolean(),
  /** Why the last save failed (ERR_VAULT_CHANGED_ON_DISK: another program wrote the file), or null. */
  saveError: z.string().nullable(),
  /** Why the last automatic backup failed, or null. */
  backupError: z.string().nullable(),
  /** Wrong-password delay still to wait before the next attempt. */
  retryAfterMs: z.number(),
  /** The vault file cannot be opened: what is wrong with it (the unlock error's code and words); null when fine. */
  damaged: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** `<vault>.bak` while the vault file is damaged: where, when it was saved (ISO 8601), whether it passes the checks. */
  backup: z.object({ path: z.string(), savedAt: z.string(), looksIntact: z.boolean() }).nullable(),
  /** The session is the backup opened read-only: every write is refused (ERR_VAULT_READ_ONLY). */
  readOnly: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

const Password = z.string().min(1, 'enter the master password').max(1024);
const NewPassword = z
  .string()
  .refine((p) => [...p].length >= MIN_MASTER_PASSWORD_LENGTH, MASTER_PASSWORD_RULE)
  .refine((p) => p.length <= MAX_MASTER_PASSWORD_LENGTH, `at most ${MAX_MASTER_PASSWORD_LENGTH} characters`);

export const vaultChannels = {
  'vault.status': channel({ input: Empty, output: VaultStatus }),
  'vault.create': channel({
    input: z
      .object({
        password: NewPassword,
        mode: z.enum(['password', 'hardened']).default('password'),
        quickUnlock: z.boolean().default(false),
        iterations: z.number().int().min(100_000).max(100_000_000).optional(),
        /** Create at another path than the current vault's (after "No vault at this path"). */
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.object({ status: VaultStatus, recoveryKit: z.string().nullable() }),
    // It writes a new file (and its missing folders) at a path the page names and points the
    // app at it: only the user's own click on "Create vault" may ask for that.
    gesture: true,
  }),
  /**
   * The recovery kit of the vault just created, copied by main through the clipboard guard
   * (cleared after the set time, on lock and on quit, only while it still holds the kit).
   * Main copies the kit it made: the page names no text. ERR_NOT_FOUND once it is forgotten.
   */
  'vault.copyRecoveryKit': channel({
    input: Empty,
    output: z.object({ clearsInSeconds: z.number() }),
    gesture: true,
  }),
  /** The user has saved the kit: main drops its copy. */
  'vault.forgetRecoveryKit': channel({ input: Empty, output: z.object({ ok: z.literal(true) }) }),
  'vault.unlock': channel({
    input: z
      .object({
        password: z.string().max(1024).optional(),
        useQuickUnlock: z.boolean().default(false),
        recoveryKit: z.string().max(10_000).optional(),
        useBackup: z.boolean().default(false),
      })
      .strict(),
    output: VaultStatus,
  }),
  /** The vault file is damaged: opens `<vault>.bak` with the master password, read-only. */
  'vault.openBackup': channel({
    input: z.object({ password: Password }).strict(),
    output: VaultStatus,
  }),
  /**
   * The vault file is damaged: the password is checked against `<vault>.bak`, the damaged file is kept as
   * `<vault>.damaged-<time>`, the backup is copied into place atomically, and the vault is unlocked.
   */
  'vault.restoreBackup': channel({
    input: z.object({ password: Password }).strict(),
    output: VaultStatus.extend({ damagedAside: z.string() }),
    // It replaces the vault file: only the user's own click may ask for that.
    gesture: true,
  }),
  'vault.lock': channel({ input: z.object({ forget: z.boolean().default(false) }).strict(), output: VaultStatus }),
  'vault.choose': channel({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: VaultStatus,
    gesture: true,
  }),
  /** A press in the window, for auto-lock: a gesture, so a page script cannot keep the vault from locking. */
  'vault.touch': channel({ input: Empty, output: z.object({ ok: z.literal(true) }), gesture: true }),
  /**
   * The current password is checked in main. With `rekey`, the vault key is replaced too (every
   * record re-encrypted) and the backups under the old key are deleted or re-keyed, as chosen.
   */
  'vault.changePassword': channel({
    input: z
      .object({
        oldPassword: Password,
        newPassword: NewPassword,
        rekey: z
          .object({ backups: z.enum(['delete', 'rekey']) })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.object({
      status: VaultStatus,
      rekey: z
        .object({
          records: z.number(),
          backups: z.enum(['delete', 'rekey']),
          changed: z.array(z.string()),
          leftBehind: z.array(z.string()),
          agentStopped: z.boolean(),
          quickUnlock: z.enum(['re-enrolled', 'off', 'was-off']),
        })
        .nullable(),
    }),
    // It replaces the password (and may delete backups): only the user's own click may ask for that.
    gesture: true,
  }),
  'vault.setIterations': channel({
    input: z.object({ iterations: z.number().int().min(100_000).max(100_000_000), password: Password }).strict(),
    output: VaultStatus,
  }),
  'vault.measureKdf': channel({
    input: z.object({ iterations: z.number().int().min(100_000).max(100_000_000) }).strict(),
    output: z.object({ ms: z.number() }),
  }),
  /** The automatic backups beside the vault (one a UTC day while Latch runs), newest first: names, dates, sizes. */
  'vault.backups': channel({
    input: Empty,
    output: z.object({
      folder: z.string(),
      backups: z.array(z.object({ name: z.string(), createdAt: z.number(), bytes: z.number() })),
    }),
  }),
  'vault.setQuickUnlock': channel({
    input: z.object({ enabled: z.boolean() }).strict(),
    output: VaultStatus,
    gesture: true,
  }),
  'vault.retrySave': channel({
    input: Empty,
    output: VaultStatus,
  }),
  'vault.reload': channel({ input: Empty, output: VaultStatus }),
  /**
   * The way out of a failed save (the banner): reapply = reload the file and re-apply the
   * unsaved changes on top; keep-mine = write this vault over the file; discard = drop the
   * unsaved changes and lock.
   */
  'vault.resolveSaveFailure': channel({
    input: z.object({ choice: z.enum(['reapply', 'keep-mine', 'discard']) }).strict(),
    output: VaultStatus,
    // keep-mine and discard drop someone's changes: only the user's own click may ask for that.
    gesture: true,
  }),
} as const;

export const vaultEvents = {
  'vault.changed': z.object({
    status: VaultStatus,
    reason: z.enum([
      'unlocked',
      'locked',
      'auto-locked',
      'created',
      'settings',
      'save-failed',
      'saved',
      'reloaded',
      'restored',
    ]),
    lostUnsavedChanges: z.boolean().default(false),
    /** What a lock dropped, named ('service "GitHub"', 'rate limits'); empty when nothing was. */
    lost: z.array(z.string()).default([]),
  }),
} as const;
