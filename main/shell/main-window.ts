import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import type { SettingsStore } from '../core/platform';
import { APP_ORIGIN } from '../security/url-policy';
import { mainWindowOptions } from '../security/window-options';
import { hardenWebContents } from './harden-contents';

export interface MainWindowInput {
  settings: SettingsStore;
  isPackaged: boolean;
  devServerUrl: string | undefined;
  preloadDir: string;
}

export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const settings = input.settings.get();
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(input.preloadDir, 'index.cjs'),
      bounds: settings.windowBounds,
      isPackaged: input.isPackaged,
      darkBackground: nativeTheme.shouldUseDarkColors,
      startHidden: settings.startHidden,
    }),
  );
  hardenWebContents(win.webContents, input.devServerUrl);
  win.once('ready-to-show', () => {
    if (!settings.startHidden) win.show();
  });
  // Remember where the user put the window; bounds are not secret.
  win.on('close', () => {
    if (!win.isDestroyed() && !win.isMinimized()) input.settings.update({ windowBounds: win.getNormalBounds() });
  });
  // A failed load (the window closed meanwhile) shows in the window itself; nothing to do here.
  win.loadURL(input.devServerUrl ?? `${APP_ORIGIN}/index.html`).catch(() => undefined);
  return win;
}
