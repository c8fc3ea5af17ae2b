import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { NapiKeychain } from '../core/keychain/napi-keychain';
import { probeOsKeychain } from '../core/keychain/status';
import { compose } from '../ipc/compose';
import { installApplicationMenu } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { setUpDesktop } from './desktop-integration';
import { electronBrowser } from './electron-browser';
import { ElectronClipboard } from './electron-clipboard';
import { electronConfirmer } from './electron-confirmer';
import { electronSaveDialog } from './electron-save-dialog';
import { ElectronSettings } from './electron-settings';
import { hardenSession } from './harden-contents';
import { registerIpc } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { DesktopNotifier } from './notifier';
import { lockOnSuspendAndScreenLock } from './power-lock';
import { installProcessGuard } from './process-guard';
import { countScrollInEveryWindow } from './scroll-activity';

/** Starts the desktop app: one instance, one window, the contract over IPC. */
export function runApp(): void {
  installProcessGuard();
  // Must happen before 'ready'.
  registerAppScheme();
  app.setName('Latch');

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | null = null;
  const trusted = new Set<number>();
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

  const showMainWindow = () => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showMainWindow);

  // Any webContents created anywhere (a stray window, a webview) gets the same denials.
  app.on('web-contents-created', (_event, contents) => {
    // Links leave the app only through `app.openLink`, which takes ids, never URLs.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      const here = import.meta.dirname;
      serveRenderer(join(here, '../renderer'));
      const settings = new ElectronSettings();
      const notifier = new DesktopNotifier(settings);
      const composed = compose({
        dataDir: app.getPath('userData'),
        runtime: {
          name: 'Latch',
          version: app.getVersion(),
          platform: process.platform,
          arch: process.arch,
          runtime: `Electron ${process.versions.electron}`,
          transport: 'electron-ipc',
        },
        settings,
        keychainStatus: probeOsKeychain,
        keychain: new NapiKeychain(),
        clipboard: new ElectronClipboard(),
        browser: electronBrowser,
        saveDialog: electronSaveDialog,
        // The main window: Settings, where a change that lowers protection is asked for, lives there.
        confirmer: electronConfirmer(() => mainWindow),
        notifier,
        onInternalError: (channel, e) =>
          console.error(`latch: internal error in ${channel}: ${e instanceof Error ? e.name : 'unknown'}`),
      });
      registerIpc(composed.dispatch, composed.events, () => trusted, devServerUrl);
      lockOnSuspendAndScreenLock(composed.services.vault);
      // Before any window (the main one, the palette): each one's scrolling keeps the vault open.
      countScrollInEveryWindow(app, () => composed.services.vault.touch());
      const desktop = setUpDesktop({
        composed,
        settings,
        trusted,
        isPackaged: app.isPackaged,
        devServerUrl,
        preloadDir: join(here, '../preload'),
        showMainWindow: () => (mainWindow === null ? open() : showMainWindow()),
        notifier,
      });

      installApplicationMenu({
        composed,
        isPackaged: app.isPackaged,
        showMainWindow: () => (mainWindow === null ? open() : showMainWindow()),
        openQuickAccess: () => desktop.quickAccess.show(),
      });

      const open = () => {
        mainWindow = createMainWindow({
          settings,
          isPackaged: app.isPackaged,
          devServerUrl,
          preloadDir: join(here, '../preload'),
        });
        const id = mainWindow.webContents.id;
        trusted.add(id);
        desktop.attachMainWindow(mainWindow);
        mainWindow.on('closed', () => {
          trusted.delete(id);
          mainWindow = null;
        });
      };
      open();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) open();
      });
    })
    .catch((e: unknown) => {
      // Start-up failed before any window could say so: say it here (no secret exists yet), then quit.
      dialog.showErrorBox('Latch could not start', e instanceof Error ? e.message : 'An internal error stopped Latch.');
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
