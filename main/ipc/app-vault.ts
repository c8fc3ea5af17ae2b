/**
 * The app's one vault: which file, locked or not, the service store over it, and the
 * clipboard guard that is cleared on lock. Shared by the Electron shell and the browser
 * host; the command line opens vaults on its own, per command.
 */

import type { VaultStatus } from '../../preload/channels/vault';
import { ClipboardGuard } from '../core/clipboard/clipboard-guard';
import { ServiceStore } from '../core/credentials/service-store';
import { runAutomaticBackup } from '../core/io/automatic-backup';
import type { Keychain } from '../core/keychain/keychain';
import { LatchError } from '../core/model/errors';
import type { Clipboard, Clock, SettingsStore } from '../core/platform';
import { createVault } from '../core/vault/create-vault';
import { forgetQuickUnlock, inspectVault } from '../core/vault/inspect-vault';
import { openVault } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import { VaultSession } from '../core/vault/session';
import type { EventHub } from './event-hub';

export interface AppVaultDeps {
  vaultPath(): string;
  keychain: Keychain;
  clipboard: Clipboard;
  settings: SettingsStore;
  events: EventHub;
  clock: Clock;
}

function locked(): LatchError {
  return new LatchError('ERR_VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
}

export class AppVault {
  readonly session: VaultSession;
  readonly clipboard: ClipboardGuard;
  #store: ServiceStore | null = null;
  #backupTimer: ReturnType<typeof setInterval> | null = null;
  /** The last automatic backup's outcome, for the status line; never a reason to stop the app. */
  lastBackupError: string | null = null;

  constructor(private readonly deps: AppVaultDeps) {
    this.session = new VaultSession({ autoLockMs: deps.settings.get().autoLockMinutes * 60_000, clock: deps.clock });
    this.clipboard = new ClipboardGuard(deps.clipboard);
    this.session.on((e) => {
      if (e.type === 'unlocked') {
        this.#backupNow();
        this.#backupTimer ??= setInterval(() => this.#backupNow(), 60 * 60_000);
        (this.#backupTimer as { unref?: () => void }).unref?.();
        return;
      }
      if (e.type !== 'locked') return;
      if (this.#backupTimer !== null) clearInterval(this.#backupTimer);
      this.#backupTimer = null;
      this.#store = null;
      // Locking takes what Latch put on the clipboard with it.
      void this.clipboard.clearIfOurs();
      // A listener cannot await: a failure here must end here, not as an unhandled rejection.
      this.status()
        .then((status) =>
          deps.events.emit('vault.changed', {
            status,
            reason: e.reason === 'auto' ? 'auto-locked' : 'locked',
            lostUnsavedChanges: e.lostUnsavedChanges,
          }),
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

  get path(): string {
    return this.deps.vaultPath();
  }

  /** The unlocked vault, or ERR_VAULT_LOCKED. Counts as activity for auto-lock. */
  vault(): OpenVault {
    const v = this.session.current;
    if (v === null) throw locked();
    this.session.touch();
    return v;
  }

  store(): ServiceStore {
    const v = this.vault();
    this.#store ??= new ServiceStore(v, this.deps.clock);
    return this.#store;
  }

  applySettings(): void {
    this.session.setAutoLockMs(this.deps.settings.get().autoLockMinutes * 60_000);
  }

  async status(): Promise<VaultStatus> {
    const keychainReachable = await this.deps.keychain.available();
    const open = this.session.current;
    let info: Awaited<ReturnType<typeof inspectVault>> | null = null;
    try {
      info = await inspectVault(this.path);
    } catch {
      info = null; // a damaged file still counts as present: unlock will say what is wrong
    }
    const exists = info === null || info.exists;
    return {
      path: this.path,
      state: open ? 'unlocked' : exists ? 'locked' : 'absent',
      mode: open ? open.mode : info?.exists ? info.mode : null,
      quickUnlock: open ? open.quickUnlock : info?.exists ? (info.quickUnlock ? 'armed' : 'off') : 'off',
      keychainReachable,
      iterations: open ? open.iterations : info?.exists ? info.iterations : null,
      formatVersion: open ? open.formatVersion : info?.exists ? info.formatVersion : null,
      openedFromBackup: open ? open.openedFrom === 'backup' : false,
      backupExists: info?.exists ? info.backupExists : false,
      unsaved: open ? open.isDirty : false,
      backupError: this.lastBackupError,
      retryAfterMs: this.session.retryAfterMs(),
    };
  }

  async create(input: {
    password: string;
    mode: 'password' | 'hardened';
    quickUnlock: boolean;
    iterations?: number | undefined;
  }) {
    const info = await inspectVault(this.path).catch(() => ({ exists: true }));
    if (info.exists)
      throw new LatchError(
        'ERR_VAULT_EXISTS',
        `A vault already exists at ${this.path}. Unlock it, or choose another file.`,
      );
    let recoveryKit: string | null = null;
    await this.session.unlock(async () => {
      const created = await createVault({
        path: this.path,
        password: input.password,
        mode: input.mode,
        quickUnlock: input.mode === 'password' && input.quickUnlock,
        keychain: this.deps.keychain,
        ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
      });
      recoveryKit = created.recoveryKit ?? null;
      return created.vault;
    });
    const status = await this.status();
    this.deps.events.emit('vault.changed', { status, reason: 'created', lostUnsavedChanges: false });
    return { status, recoveryKit };
  }

  async unlock(input: {
    password?: string | undefined;
    useQuickUnlock: boolean;
    recoveryKit?: string | undefined;
    useBackup: boolean;
  }) {
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
    const status = await this.status();
    this.deps.events.emit('vault.changed', { status, reason: 'unlocked', lostUnsavedChanges: false });
    this.deps.events.emit('services.changed', {});
    return status;
  }

  /** Lock now; with `forget`, quick unlock's device key leaves the keychain too ("lock and forget"). */
  async lock(forget: boolean): Promise<VaultStatus> {
    await this.session.lock('manual');
    if (forget) await forgetQuickUnlock({ path: this.path, keychain: this.deps.keychain }).catch(() => undefined);
    return this.status();
  }

  async choose(path: string): Promise<VaultStatus> {
    await this.session.lock('manual');
    this.deps.settings.update({ lastVaultPath: path });
    const status = await this.status();
    this.deps.events.emit('vault.changed', { status, reason: 'settings', lostUnsavedChanges: false });
    return status;
  }

  /** After a change to the vault's own settings: tell every window. */
  async changed(): Promise<VaultStatus> {
    const status = await this.status();
    this.deps.events.emit('vault.changed', { status, reason: 'settings', lostUnsavedChanges: false });
    return status;
  }
}
