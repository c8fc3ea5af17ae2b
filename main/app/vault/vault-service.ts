/**
 * The app's one vault: which file, locked or not, auto-lock, the clipboard guard cleared on
 * lock, daily encrypted backups, and what happens when a save fails (the `save-failed` event
 * and the three ways out: reload and re-apply, keep mine, discard). Shared by the Electron
 * shell and the browser host; the command line opens a vault per command (cli-session.ts).
 *
 * The status is kept, not re-read: the file is inspected (read and checksummed) only when
 * the vault changes hands (start, lock, unlock, create, choose, reload) or when asked for
 * with `refresh`, never for every answer and every change event.
 */
import { isAbsolute } from 'node:path';
import { askAgent } from '../../core/agent/agent-client';
import { ClipboardGuard } from '../../core/clipboard/clipboard-guard';
import {
  automaticBackupFiles,
  backupFolder,
  listAutomaticBackups,
  runAutomaticBackup,
} from '../../core/io/automatic-backup';
import type { Keychain } from '../../core/keychain/keychain';
import { isLatchError, LatchError } from '../../core/model/errors';
import type { Settings, SettingsPatch } from '../../core/model/settings';
import { weakenedSettings } from '../../core/model/settings-weakening';
import type { Clipboard, Clock, SettingsStore } from '../../core/platform';
import { createVault } from '../../core/vault/create-vault';
import {
  type BackupInfo,
  forgetQuickUnlock,
  inspectBackup,
  inspectVault,
  type VaultInfo,
} from '../../core/vault/inspect-vault';
import { measureKdf } from '../../core/vault/kdf';
import { openVault } from '../../core/vault/open';
import type { OpenVault } from '../../core/vault/open-vault';
import type { OldBackups } from '../../core/vault/rekey';
import { type RestoreResult, restoreBackup } from '../../core/vault/restore-backup';
import { VaultSession } from '../../core/vault/session';
import type { Confirmer } from '../confirmation';
import type { AppEvents } from '../events';
import { changeKept } from './change-kept';
import type { FileWatcher } from './file-watcher';
import { keepMine } from './keep-mine';
import { describeLost } from './lost-changes';
import type { VaultAccess } from './vault-access';
import type { PasswordChange, SaveConflictChoice, VaultChangeReason, VaultStatus } from './vault-status';
import { weakeningQuestion } from './weakening-question';

export interface VaultServiceDeps {
  vaultPath(): string;
  keychain: Keychain;
  clipboard: Clipboard;
  settings: SettingsStore;
  events: AppEvents;
  clock: Clock;
  /** Asks the user, in main's words, before a settings change that lowers protection is applied. */
  confirmer: Confirmer;
  /** Where a `latch unlock --for` agent of this user listens (XDG_RUNTIME_DIR); default process.env. */
  agentEnv?: Readonly<Record<string, string | undefined>>;
  /** Tells of changes to the vault file while it is unlocked, to reload what another program wrote; absent: none. */
  watcher?: FileWatcher;
}

/** A vault path from the user: relative paths would depend on where the app was started. */
function fullPath(path: string): string {
  if (!isAbsolute(path))
    throw new LatchError('ERR_BAD_INPUT', `Give the full path of the vault file (starting with /), not "${path}".`, {
      detail: { field: 'path' },
    });
  return path;
}

const QUICK_UNLOCK_ON = {
  title: 'Turn quick unlock on?',
  detail:
    'Latch will keep a key in the OS keychain, so that this computer opens the vault without the master password. Anyone who can use your login session could then open it.',
  confirmLabel: 'Turn quick unlock on',
};

function locked(): LatchError {
  return new LatchError('ERR_VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
}

interface FileFacts {
  info: VaultInfo | null;
  keychainReachable: boolean;
  /** Why the file could not be inspected (damaged, not a vault file); null when it could. */
  damaged: { code: string; message: string } | null;
  backup: BackupInfo | null;
}

/** Unlock errors that mean the file itself is damaged (or not a vault file at all). */
const DAMAGE: ReadonlySet<string> = new Set(['ERR_VAULT_CORRUPT', 'ERR_VAULT_UNSUPPORTED']);

/** Every write while the backup is open read-only: the app's words (the command line's name latch status). */
function readOnlyBackup(): LatchError {
  return new LatchError(
    'ERR_VAULT_READ_ONLY',
    'This is the backup, opened read-only: nothing was changed. To work in it, go back to the unlock screen and restore the backup.',
  );
}

export class VaultService implements VaultAccess {
  readonly session: VaultSession;
  readonly clipboard: ClipboardGuard;
  #backupTimer: ReturnType<typeof setInterval> | null = null;
  #facts: FileFacts | null = null;
  #saveError: string | null = null;
  /** The last automatic backup's outcome, for the status line; never a reason to stop the app. */
  lastBackupError: string | null = null;
  /**
   * A hardened vault's recovery kit, from its creation until the user has saved it (or the
   * vault locks), so Copy goes through the clipboard guard like every other secret, and the
   * page cannot have Latch copy a text of its own choosing as "the kit".
   */
  #recoveryKit: string | null = null;
  /** A settings question is open (weakenSettings). */
  #asking = false;
  /** Ends the watch of the unlocked vault's file (null: none). */
  #stopWatching: (() => void) | null = null;

  constructor(private readonly deps: VaultServiceDeps) {
    this.session = new VaultSession({ autoLockMs: deps.settings.get().autoLockMinutes * 60_000, clock: deps.clock });
    this.clipboard = new ClipboardGuard(deps.clipboard);
    this.session.on((e) => {
      if (e.type === 'unlocked') {
        // A backup opened read-only is not the vault: its damaged file is no copy to keep.
        if (this.session.current?.readOnly) return;
        this.#watch();
        this.#backupNow();
        this.#backupTimer ??= setInterval(() => this.#backupNow(), 60 * 60_000);
        (this.#backupTimer as { unref?: () => void }).unref?.();
        return;
      }
      if (e.type !== 'locked') return;
      this.#stopWatching?.();
      this.#stopWatching = null;
      this.#recoveryKit = null;
      if (this.#backupTimer !== null) clearInterval(this.#backupTimer);
      this.#backupTimer = null;
      this.#saveError = null;
      // Locking takes what Latch put on the clipboard with it.
      void this.clipboard.clearIfOurs();
      // A listener cannot await: a failure here must end here, not as an unhandled rejection.
      this.refresh()
        .then(() =>
          this.#announce(
            e.reason === 'auto' ? 'auto-locked' : 'locked',
            e.lostUnsavedChanges ? describeLost(e.lostRecords) : [],
          ),
        )
        .catch(() => undefined);
    });
    this.clipboard.onChecked((e) => deps.events.emit('clipboard.cleared', e));
  }

  /**
   * One encrypted copy of the vault file a day while the app runs (checked at unlock and
   * hourly), keeping the newest N. The copy is the file as it is on disk: same password.
   */
  #backupNow(): void {
    const settings = this.deps.settings.get();
    if (!settings.automaticBackups) return;
    runAutomaticBackup({ vaultPath: this.path, keep: settings.backupsToKeep, now: this.deps.clock }).then(
      () => {
        this.lastBackupError = null;
      },
      (e: unknown) => {
        this.lastBackupError = e instanceof LatchError ? e.message : 'The automatic backup could not be written.';
      },
    );
  }

  /** Watches the unlocked vault's file, so what the command line (or another program) writes shows without a lock. */
  #watch(): void {
    const v = this.session.current;
    if (v === null || this.deps.watcher === undefined) return;
    this.#stopWatching?.();
    this.#stopWatching = this.deps.watcher.watch(v.path, () => void this.#fileChanged(v));
  }

  /**
   * Reloads when the file really holds another program's write: not the app's own save (the file is what the
   * session wrote), and not while one of ours runs (the check waits for the writer turn). With a failed save
   * pending the user's choice in the banner (unsaved changes) nothing is reloaded: that choice is theirs.
   */
  async #fileChanged(v: OpenVault): Promise<void> {
    try {
      await v.writerTurn(async () => {
        if (this.session.current !== v || v.isDirty || !(await v.changedOnDisk())) return;
        await this.reload();
      });
    } catch {
      // Unreadable now (half-synced, another vault): the next save says so, in the save-failed banner.
    }
  }

  get path(): string {
    return this.deps.vaultPath();
  }

  // ---- VaultAccess ----

  /**
   * The unlocked vault, or ERR_VAULT_LOCKED. Not activity for auto-lock: a page script polling a list (or the
   * renderer's own refreshes) would otherwise keep the vault open for good. What the user does counts instead:
   * a press in the window (the gesture-gated `vault.touch`), a gesture channel's call (the dispatcher's
   * `onUserAction`), a tray copy.
   */
  vault(): OpenVault {
    const v = this.session.current;
    if (v === null) throw locked();
    return v;
  }

  get current(): OpenVault | null {
    return this.session.current;
  }

  async write<T>(change: (vault: OpenVault) => Promise<T>, options: { background?: boolean } = {}): Promise<T> {
    const v = (options.background ? this.session.current : null) ?? this.vault();
    if (v.readOnly) throw readOnlyBackup();
    try {
      const result = await change(v);
      if (this.#saveError !== null && !v.isDirty) {
        this.#saveError = null;
        this.#announce('saved');
      }
      return result;
    } catch (e) {
      // The change is applied in memory but not on disk: say so, once per failure, so the
      // renderer can offer its way out instead of failing every later write in silence.
      if (v.isDirty && this.session.current === v) {
        this.#saveError = isLatchError(e) ? e.code : 'ERR_SAVE_FAILED';
        this.#announce('save-failed');
        throw changeKept(e);
      }
      throw e;
    }
  }

  // ---- status ----

  /** The status from what is known: the open vault, and the file facts read at the last hand-over. */
  status(): VaultStatus {
    const open = this.session.current;
    const info = this.#facts?.info ?? null;
    const onDisk = info?.exists ? info : null;
    // A damaged file (info null) still counts as present: unlock will say what is wrong.
    const exists = info === null || info.exists;
    return {
      path: this.path,
      state: open ? 'unlocked' : exists ? 'locked' : 'absent',
      mode: open ? open.mode : (onDisk?.mode ?? null),
      quickUnlock: open ? open.quickUnlock : onDisk?.quickUnlock ? 'armed' : 'off',
      keychainReachable: this.#facts?.keychainReachable ?? false,
      iterations: open ? open.iterations : (onDisk?.iterations ?? null),
      formatVersion: open ? open.formatVersion : (onDisk?.formatVersion ?? null),
      openedFromBackup: open ? open.openedFrom === 'backup' : false,
      backupExists: onDisk?.backupExists ?? false,
      unsaved: open ? open.isDirty : false,
      saveError: open?.isDirty ? this.#saveError : null,
      backupError: this.lastBackupError,
      retryAfterMs: this.session.retryAfterMs(),
      damaged: this.#facts?.damaged ?? null,
      backup: this.#facts?.damaged && this.#facts.backup ? this.#facts.backup : null,
      readOnly: open ? open.readOnly : false,
    };
  }

  /** Reads the file facts again (the file, the keychain) and returns the status. */
  async refresh(): Promise<VaultStatus> {
    let damaged: FileFacts['damaged'] = null;
    const [info, keychainReachable] = await Promise.all([
      inspectVault(this.path).catch((e: unknown) => {
        damaged = isLatchError(e)
          ? { code: e.code, message: e.message }
          : { code: 'ERR_VAULT_CORRUPT', message: 'The vault file could not be read.' };
        return null;
      }),
      this.deps.keychain.available().catch(() => false),
    ]);
    const backup = damaged === null ? null : await inspectBackup(this.path).catch(() => null);
    this.#facts = { info, keychainReachable, damaged, backup };
    return this.status();
  }

  /** The status, reading the file facts the first time only. */
  async statusNow(): Promise<VaultStatus> {
    return this.#facts === null ? this.refresh() : this.status();
  }

  /** `lost`: what a lock dropped, named (empty when nothing was). */
  #announce(reason: VaultChangeReason, lost: string[] = []): VaultStatus {
    const status = this.status();
    this.deps.events.emit('vault.changed', { status, reason, lostUnsavedChanges: lost.length > 0, lost });
    return status;
  }

  // ---- use cases ----

  async create(input: {
    password: string;
    mode: 'password' | 'hardened';
    quickUnlock: boolean;
    iterations?: number | undefined;
    /** Another file than the current one ("No vault at this path" → Create here); remembered once it holds the vault. */
    path?: string | undefined;
  }): Promise<{ status: VaultStatus; recoveryKit: string | null }> {
    const path = input.path === undefined ? this.path : fullPath(input.path);
    const info = await inspectVault(path).catch(() => ({ exists: true }));
    if (info.exists)
      throw new LatchError('ERR_VAULT_EXISTS', `A vault already exists at ${path}. Unlock it, or choose another file.`);
    if (input.path !== undefined) await this.session.lock('manual');
    let recoveryKit: string | null = null;
    await this.session.unlock(async () => {
      const created = await createVault({
        path,
        password: input.password,
        mode: input.mode,
        quickUnlock: input.mode === 'password' && input.quickUnlock,
        keychain: this.deps.keychain,
        ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
      });
      recoveryKit = created.recoveryKit ?? null;
      return created.vault;
    });
    if (path !== this.path) this.deps.settings.update({ lastVaultPath: path });
    this.#recoveryKit = recoveryKit;
    await this.refresh();
    return { status: this.#announce('created'), recoveryKit };
  }

  /** Copies the new vault's recovery kit through the clipboard guard; returns the seconds until it is cleared. */
  async copyRecoveryKit(): Promise<{ clearsInSeconds: number }> {
    if (this.#recoveryKit === null)
      throw new LatchError(
        'ERR_NOT_FOUND',
        'There is no recovery kit to copy: Latch keeps it only until you confirm it is saved or the vault locks. Use the copy you saved.',
      );
    const seconds = this.deps.settings.get().clipboardClearSeconds;
    await this.clipboard.copy(this.#recoveryKit, seconds);
    return { clearsInSeconds: seconds };
  }

  /** The user has saved the kit: main keeps it no longer. */
  forgetRecoveryKit(): void {
    this.#recoveryKit = null;
  }

  async unlock(input: {
    password?: string | undefined;
    useQuickUnlock: boolean;
    recoveryKit?: string | undefined;
    useBackup: boolean;
  }): Promise<VaultStatus> {
    try {
      await this.session.unlock(() =>
        openVault({
          path: this.path,
          keychain: this.deps.keychain,
          useQuickUnlock: input.useQuickUnlock,
          useBackup: input.useBackup,
          ...(input.password ? { password: input.password } : {}),
          ...(input.recoveryKit ? { recoveryKit: input.recoveryKit } : {}),
        }),
      );
    } catch (e) {
      // The file was damaged since it was last inspected: the unlock screen must learn it, and the backup.
      if (isLatchError(e) && DAMAGE.has(e.code) && this.#facts?.damaged == null) {
        await this.refresh();
        this.#announce('locked');
      }
      throw e;
    }
    await this.refresh();
    const status = this.#announce('unlocked');
    this.deps.events.emit('credentials.changed', { cause: 'unlock' });
    return status;
  }

  /**
   * The vault file is damaged: opens `<vault>.bak` with the master password, read-only. Every write
   * is refused (ERR_VAULT_READ_ONLY) and the status says `readOnly`, so the app shows the banner;
   * locking is the way back to the unlock screen.
   */
  async openBackup(password: string): Promise<VaultStatus> {
    const backup = await this.#backupOfDamaged();
    await this.session.unlock(() =>
      openVault({ path: backup, password, keychain: this.deps.keychain, readOnly: true }),
    );
    await this.refresh();
    const status = this.#announce('unlocked');
    this.deps.events.emit('credentials.changed', { cause: 'unlock' });
    return status;
  }

  /**
   * The vault file is damaged: puts the backup in its place (core/vault/restore-backup.ts: the damaged
   * file is kept as `<vault>.damaged-<time>`), then unlocks it. The password is checked against the
   * backup first, under the unlock's back-off, so nothing is moved for a wrong one.
   */
  async restoreBackup(password: string): Promise<VaultStatus & { damagedAside: string }> {
    const backup = await this.#backupOfDamaged();
    const open = this.session.current;
    if (open !== null && !open.readOnly)
      throw new LatchError('ERR_BAD_INPUT', 'The vault is open: lock it before restoring its backup.');
    await this.session.lock('manual', { discard: true });
    let restored: RestoreResult | null = null;
    await this.session.unlock(async () => {
      const probe = await openVault({ path: backup, password, keychain: this.deps.keychain, readOnly: true });
      probe.lock();
      restored = await restoreBackup({ path: this.path, now: new Date(this.deps.clock.now()) });
      return openVault({ path: this.path, password, keychain: this.deps.keychain });
    });
    await this.refresh();
    const status = this.#announce('restored');
    this.deps.events.emit('credentials.changed', { cause: 'unlock' });
    return { ...status, damagedAside: (restored as RestoreResult | null)?.damagedAside ?? '' };
  }

  /** The backup's path, when the vault file is damaged and a backup that looks intact is beside it. */
  async #backupOfDamaged(): Promise<string> {
    await this.refresh();
    const facts = this.#facts;
    if (!facts?.damaged)
      throw new LatchError(
        'ERR_BAD_INPUT',
        'The vault file is not damaged: unlock it as usual (the backup is older than your latest save).',
      );
    if (!facts.backup?.looksIntact)
      throw new LatchError(
        'ERR_VAULT_NOT_FOUND',
        facts.backup ? 'The backup is damaged too.' : 'There is no backup of this vault beside it.',
      );
    return facts.backup.path;
  }

  /**
   * Lock now; with `forget`, quick unlock's device key leaves the keychain too ("lock and
   * forget"). Unsaved changes are saved first; when that fails the vault stays unlocked, the
   * `save-failed` banner says why, and the error is thrown: a lock never drops a change the
   * user did not choose to discard.
   */
  async lock(forget: boolean): Promise<VaultStatus> {
    const v = this.session.current;
    try {
      // A backup opened read-only has nothing of the user's to save (a format upgrade in memory at most).
      await this.session.lock('manual', v?.readOnly ? { discard: true } : {});
    } catch (e) {
      if (v?.isDirty) {
        this.#saveError = isLatchError(e) ? e.code : 'ERR_SAVE_FAILED';
        this.#announce('save-failed');
      }
      throw e;
    }
    if (forget) await forgetQuickUnlock({ path: this.path, keychain: this.deps.keychain }).catch(() => undefined);
    return this.refresh();
  }

  /**
   * Switches to the vault at `path`. Only a file that holds a vault is remembered: a mistyped
   * path says ERR_VAULT_NOT_FOUND and changes nothing (creating one there is `create` with a path).
   */
  async choose(path: string): Promise<VaultStatus> {
    const chosen = fullPath(path);
    const info = await inspectVault(chosen);
    if (!info.exists)
      throw new LatchError('ERR_VAULT_NOT_FOUND', `No vault at ${chosen}. Create one there, or choose another file.`, {
        detail: { path: chosen },
      });
    await this.session.lock('manual');
    this.deps.settings.update({ lastVaultPath: chosen });
    await this.refresh();
    return this.#announce('settings');
  }

  touch(): void {
    this.session.touch();
  }

  /**
   * A settings change that keeps or raises protection (a script in the renderer may make it alone).
   * One that lowers it is refused whole, nothing saved: it must come from the user, `weakenSettings`.
   */
  updateSettings(patch: SettingsPatch): Settings {
    const weaker = weakenedSettings(this.deps.settings.get(), patch);
    if (weaker.length > 0)
      throw new LatchError(
        'ERR_FORBIDDEN_SENDER',
        `This change lowers the vault's protection (${weaker.join(', ')}): make it in Settings with your own click or key press.`,
        { detail: { field: weaker.join(',') } },
      );
    return this.#applySettings(patch);
  }

  /**
   * Any settings change, lowering protection included. Its channel needs a click or key press, but a
   * press proves only that someone pressed something (a script can spend the user's next key press in
   * the search box on it), so main asks the user itself, in its own words, before it lowers anything;
   * a change that lowers nothing is applied at once. One question at a time: a second change asked for
   * while the user is answering is refused, not queued behind it.
   */
  async weakenSettings(patch: SettingsPatch): Promise<Settings> {
    const question = weakeningQuestion(this.deps.settings.get(), patch);
    if (question === null) return this.#applySettings(patch);
    if (this.#asking)
      throw new LatchError('ERR_CONFLICT', 'Latch is already asking you about a settings change: answer it first.');
    this.#asking = true;
    let yes: boolean;
    try {
      yes = await this.deps.confirmer.confirm(question);
    } finally {
      this.#asking = false;
    }
    if (!yes) throw new LatchError('ERR_CANCELLED', 'Not changed: you cancelled.');
    // What was asked is judged again: the settings may have moved while the question was open (another
    // window, a change that raised one), and the answer covers only the change it named.
    const now = weakeningQuestion(this.deps.settings.get(), patch);
    if (now !== null && (now.title !== question.title || now.detail !== question.detail))
      throw new LatchError('ERR_CONFLICT', 'The settings changed while you were asked: make the change again.');
    return this.#applySettings(patch);
  }

  /** Saves the change; auto-lock takes the new delay at once, and every window hears of it. */
  #applySettings(patch: SettingsPatch): Settings {
    const next = this.deps.settings.update(patch);
    this.session.setAutoLockMs(next.autoLockMinutes * 60_000);
    this.deps.events.emit('settings.changed', next);
    return next;
  }

  /**
   * Changes the master password; with `rekey`, the vault key too (docs/security.md, "Keys after a
   * password change"): every record re-encrypted, the backups under the old key deleted or re-keyed
   * as the user chose, the command-line agent told to forget the old key, and quick unlock moved to
   * a new device key (or turned off, said so, when the keychain cannot be reached).
   */
  async changePassword(
    oldPassword: string,
    newPassword: string,
    rekey?: { backups: OldBackups },
  ): Promise<PasswordChange> {
    const v = this.vault();
    if (rekey === undefined) {
      await v.changePassword(oldPassword, newPassword);
      return { status: this.#announce('settings'), rekey: null };
    }
    const quickBefore = v.quickUnlock;
    const done = await v.changePasswordAndRekey(oldPassword, newPassword, {
      backups: rekey.backups,
      backupFiles: await automaticBackupFiles(this.path),
    });
    // The agent's copy of the old key opens nothing written from now on; it must not stay in memory either.
    const agent = await askAgent(this.deps.agentEnv ?? process.env, v.id, 'lock').catch(() => null);
    await this.refresh();
    return {
      status: this.#announce('settings'),
      rekey: {
        records: done.records,
        backups: rekey.backups,
        changed: done.backups,
        leftBehind: done.leftBehind,
        agentStopped: agent?.ok === true,
        quickUnlock: quickBefore === 'off' ? 'was-off' : v.quickUnlock === 'armed' ? 're-enrolled' : 'off',
      },
    };
  }

  async setIterations(iterations: number, password: string): Promise<VaultStatus> {
    await this.vault().setIterations(iterations, password);
    return this.#announce('settings');
  }

  /**
   * Quick unlock on lowers protection (the vault then opens without the master password), so main asks the
   * user itself first: the channel's press alone could be a script's, spending the user's next key press.
   */
  async setQuickUnlock(enabled: boolean): Promise<VaultStatus> {
    const v = this.vault();
    if (enabled && v.quickUnlock === 'armed') await v.enableQuickUnlock();
    else if (enabled) await v.enableQuickUnlock({ confirm: () => this.deps.confirmer.confirm(QUICK_UNLOCK_ON) });
    else await v.disableQuickUnlock();
    await this.refresh();
    return this.#announce('settings');
  }

  /** How long one unlock would take at this many iterations on this machine (the settings slider). */
  async measureKdf(iterations: number): Promise<{ ms: number }> {
    return { ms: await measureKdf(iterations) };
  }

  /** The automatic backups beside the vault, newest first (the settings page lists them). */
  async backups(): Promise<{ folder: string; backups: Awaited<ReturnType<typeof listAutomaticBackups>> }> {
    return { folder: backupFolder(this.path), backups: await listAutomaticBackups(this.path) };
  }

  /** Saves what is pending again (after a full disk, say). */
  async retrySave(): Promise<VaultStatus> {
    await this.write((v) => v.save());
    return this.#announce('saved');
  }

  /** Reads the file again (another program wrote it) and re-applies this session's unsaved changes on top. */
  async reload(): Promise<VaultStatus> {
    const v = this.vault();
    await v.reload();
    if (v.isDirty) await this.write((vault) => vault.save());
    this.#saveError = null;
    await this.refresh();
    this.deps.events.emit('credentials.changed', { cause: 'reload' });
    return this.#announce('reloaded');
  }

  /**
   * The way out of a failed save the user chose: `reapply` reloads the file and re-applies
   * each unsaved change on top (the other program's changes stay); `keep-mine` writes this
   * session's vault over the file (the other program's changes go); `discard` drops the
   * unsaved changes and locks, so the next unlock shows the file as it is.
   */
  async resolveSaveFailure(choice: SaveConflictChoice): Promise<VaultStatus> {
    switch (choice) {
      case 'reapply':
        return this.reload();
      case 'keep-mine': {
        const v = this.vault();
        await this.write((vault) => keepMine(vault));
        this.#saveError = null;
        await this.refresh();
        this.deps.events.emit('credentials.changed', { cause: 'reload' });
        return v.isDirty ? this.status() : this.#announce('saved');
      }
      case 'discard':
        await this.session.lock('manual', { discard: true });
        return this.refresh();
    }
  }
}
