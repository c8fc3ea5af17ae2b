import { join } from 'node:path';
import { Menu, nativeImage, nativeTheme, Tray } from 'electron';
import { ServiceStore } from '../core/credentials/service-store';
import { isLatchError } from '../core/model/errors';
import type { Clock } from '../core/platform';
import type { Composed } from '../ipc/compose';
import { trayIconFile } from '../security/tray-icon';
import {
  type TrayCommand,
  type TrayMenuInput,
  type TrayService,
  toElectronMenu,
  trayMenuTemplate,
} from '../security/tray-menu';

export interface TrayInput {
  composed: Composed;
  clock: Clock;
  /** Folder holding tray/… (assets/ in a checkout, the resources folder when packaged). */
  iconsDir: string;
  showMainWindow(): void;
  showQuickAccess(): void;
  quit(): void;
  /** A copy or an unlock failed; the message is a LatchError's, never a value. */
  onError(message: string): void;
}

/**
 * The system tray: its menu is rebuilt from trayMenuTemplate when services change, the
 * vault locks or unlocks, a copy lands in the recent list, and (while a TOTP code is listed)
 * every second for the countdown; while an access token's time left is listed, every 10 s. Reading the list never counts as activity for auto-lock.
 */
export class LatchTray {
  readonly #tray: Tray;
  readonly #offs: (() => void)[] = [];
  #state: TrayMenuInput['state'] = 'locked';
  #quickUnlockArmed = false;
  #services: TrayService[] = [];
  #ticker: ReturnType<typeof setInterval> | null = null;
  #tickEvery: number | null = null;

  constructor(private readonly input: TrayInput) {
    this.#tray = new Tray(this.#icon());
    this.#tray.setToolTip('Latch');
    const { events, services } = input.composed;
    this.#offs.push(
      events.subscribe((name) => {
        if (name === 'vault.changed' || name === 'services.changed') this.#refreshQuietly();
      }),
      services.quickAccess.onChanged(() => this.#render()),
    );
    const onTheme = () => this.#tray.setImage(this.#icon());
    nativeTheme.on('updated', onTheme);
    this.#offs.push(() => nativeTheme.off('updated', onTheme));
    // macOS builds the menu when it opens: a fresh countdown then.
    this.#tray.on('mouse-enter', () => this.#render());
    this.#refreshQuietly();
  }

  /** From an event or the constructor nobody awaits: the tray keeps its last state on a failure. */
  #refreshQuietly(): void {
    this.refresh().catch(() => undefined);
  }

  /** Re-reads the vault state and the service list, then redraws. */
  async refresh(): Promise<void> {
    const { vault } = this.input.composed.services;
    const status = await vault.statusNow();
    this.#state = status.state;
    this.#quickUnlockArmed = status.quickUnlock === 'armed';
    const open = vault.session.current;
    this.#services =
      open && status.state === 'unlocked' ? await this.#readServices(new ServiceStore(open, this.input.clock)) : [];
    this.#tray.setImage(this.#icon());
    this.#tray.setToolTip(this.#state === 'unlocked' ? 'Latch (unlocked)' : 'Latch (locked)');
    this.#render();
  }

  destroy(): void {
    for (const off of this.#offs) off();
    if (this.#ticker) clearInterval(this.#ticker);
    this.#tray.destroy();
  }

  async #readServices(store: ServiceStore): Promise<TrayService[]> {
    const out: TrayService[] = [];
    for (const s of store.summaries()) {
      const credentials: TrayService['credentials'] = [];
      for (const c of s.credentials) {
        if (c.kind !== 'totp') {
          // The token's facts (times, renewable; never its value) for its status in the label.
          credentials.push({ id: c.id, name: c.name, kind: c.kind, token: c.token });
          continue;
        }
        // Period and flavour are not secret; the TOTP secret itself is not kept.
        const located = await store.credential(s.id, c.id).catch(() => null);
        const f = located?.credential.kind === 'totp' ? located.credential.fields : null;
        credentials.push({
          id: c.id,
          name: c.name,
          kind: c.kind,
          ...(f ? { totp: { type: f.type, period: f.period } } : {}),
        });
      }
      out.push({ id: s.id, name: s.name, favourite: s.favourite, credentials });
    }
    return out;
  }

  #icon(): Electron.NativeImage {
    const file = trayIconFile({
      platform: process.platform,
      theme: nativeTheme.shouldUseDarkColors ? 'dark' : 'light',
      locked: this.#state !== 'unlocked',
    });
    const image = nativeImage.createFromPath(join(this.input.iconsDir, file));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  #render(): void {
    const { quickAccess } = this.input.composed.services;
    const template = trayMenuTemplate({
      state: this.#state,
      quickUnlockArmed: this.#quickUnlockArmed,
      services: this.#services,
      recent: quickAccess.recent,
      now: this.input.clock.now(),
      quickAccessAccelerator:
        quickAccess.shortcut.state === 'registered' ? quickAccess.shortcut.accelerator : undefined,
    });
    this.#tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(template, (c) => void this.#run(c))));
    // A TOTP countdown moves every second; a token's minutes and status (expiring, expired) every few seconds will do.
    const labels = JSON.stringify(template);
    const every = labels.includes(' s left)') ? 1000 : labels.includes(' left)') ? 10_000 : null;
    if (every !== this.#tickEvery && this.#ticker !== null) {
      clearInterval(this.#ticker);
      this.#ticker = null;
    }
    if (every !== null && this.#ticker === null) this.#ticker = setInterval(() => this.#render(), every);
    this.#tickEvery = every;
  }

  async #run(command: TrayCommand): Promise<void> {
    const { services } = this.input.composed;
    try {
      switch (command.type) {
        case 'copy':
          // The user's own click in the tray: activity, for auto-lock (reading the menu never is).
          services.vault.touch();
          await services.copier.quickCopy(command.serviceId, command.credentialId, 'primary');
          return;
        case 'open':
        case 'unlock':
          this.input.showMainWindow();
          return;
        case 'quick-unlock':
          await services.vault.unlock({ useQuickUnlock: true, useBackup: false });
          return;
        case 'quick-access':
          this.input.showQuickAccess();
          return;
        case 'sign-in':
          // The main window on the OAuth page, where the user signs in again.
          services.quickAccess.requestOpen('oauth');
          return;
        case 'lock':
          await services.vault.lock(false);
          return;
        case 'quit':
          this.input.quit();
          return;
      }
    } catch (e) {
      this.input.onError(isLatchError(e) ? e.message : 'That did not work.');
    }
  }
}
