import { join } from 'node:path';
import { app, type BrowserWindow, dialog } from 'electron';
import type { Settings } from '../core/model/settings';
import { type Clock, type SettingsStore, systemClock } from '../core/platform';
import type { Composed } from '../ipc/compose';
import { QuickAccessShortcut } from './global-shortcut';
import type { DesktopNotifier } from './notifier';
import { QuickAccessWindow } from './quick-access-window';
import { LatchTray } from './tray';

export interface DesktopInput {
  composed: Composed;
  settings: SettingsStore;
  trusted: Set<number>;
  isPackaged: boolean;
  devServerUrl: string | undefined;
  preloadDir: string;
  showMainWindow(): void;
  /** Created before compose, so the core can notify through it too. */
  notifier: DesktopNotifier;
  clock?: Clock;
}

export interface Desktop {
  quickAccess: QuickAccessWindow;
  /** Close to tray, and quitting with the main window where there is no tray to go back to. */
  attachMainWindow(win: BrowserWindow): void;
}

function applyLoginItem(s: Settings): void {
  // Windows and macOS only; Linux desktops use ~/.config/autostart, which Electron does not write.
  if (process.platform === 'linux') return;
  // "Start hidden" is our own setting (the window is never shown), so it works from any launcher.
  app.setLoginItemSettings({ openAtLogin: s.startAtLogin });
}

/**
 * Tray, palette window, global shortcut, notifications, login item, and the clipboard
 * cleared on quit. Called once after the app is ready.
 */
export function setUpDesktop(input: DesktopInput): Desktop {
  const { composed, settings } = input;
  const { services, events } = composed;
  let quitting = false;

  const { notifier } = input;
  notifier.watchEvents(events);

  const quickAccess = new QuickAccessWindow({
    isPackaged: input.isPackaged,
    devServerUrl: input.devServerUrl,
    preloadDir: input.preloadDir,
    trusted: input.trusted,
  });
  services.quickAccess.onCloseRequested(() => quickAccess.hide());
  services.quickAccess.onOpenRequested(() => {
    quickAccess.hide();
    input.showMainWindow();
  });

  const shortcut = new QuickAccessShortcut(services.quickAccess, notifier, () => quickAccess.toggle());
  let applied = settings.get();
  shortcut.apply(applied.quickAccessShortcut);
  applyLoginItem(applied);
  events.subscribe((name, payload) => {
    if (name !== 'settings.changed') return;
    const next = payload as Settings;
    if (next.quickAccessShortcut !== applied.quickAccessShortcut) shortcut.apply(next.quickAccessShortcut);
    if (next.startAtLogin !== applied.startAtLogin) applyLoginItem(next);
    applied = next;
  });

  const tray = new LatchTray({
    composed,
    clock: input.clock ?? systemClock,
    iconsDir: input.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'assets'),
    showMainWindow: input.showMainWindow,
    showQuickAccess: () => quickAccess.show(),
    quit: () => app.quit(),
    onError: (message) => dialog.showErrorBox('Latch', message),
  });

  // Quitting takes what Latch put on the clipboard with it (if it is still ours): hold the
  // quit once, clear, then quit for real.
  let cleared = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (cleared || !services.vault.clipboard.holdsSecret) return;
    event.preventDefault();
    void services.vault.clipboard
      .clearIfOurs()
      .catch(() => false)
      .finally(() => {
        cleared = true;
        app.quit();
      });
  });
  app.on('will-quit', () => {
    shortcut.dispose();
    tray.destroy();
    quickAccess.destroy();
  });

  return {
    quickAccess,
    attachMainWindow(win) {
      win.on('close', (event) => {
        if (quitting || !settings.get().closeToTray) return;
        event.preventDefault();
        win.hide();
      });
      // The hidden palette keeps 'window-all-closed' from firing: closing the main window
      // (not to the tray) quits, as before, except on macOS.
      win.on('closed', () => {
        if (!quitting && process.platform !== 'darwin') app.quit();
      });
    },
  };
}
