import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from '../security/url-policy';
import { quickAccessWindowOptions } from '../security/window-options';
import { hardenWebContents } from './harden-contents';

export interface QuickAccessWindowInput {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  preloadDir: string;
  /** webContents ids the IPC bridge accepts calls from; the palette adds its own. */
  trusted: Set<number>;
}

/**
 * The palette: a small frameless window on the same renderer (route quick-access), same
 * preload and same security switches as the main window. It is created once and hidden
 * rather than closed, so the shortcut brings it back instantly; it hides when it loses focus.
 */
export class QuickAccessWindow {
  #win: BrowserWindow | null = null;

  constructor(private readonly input: QuickAccessWindowInput) {}

  show(): void {
    const win = this.#win ?? this.#create();
    win.center();
    win.show();
    win.focus();
  }

  hide(): void {
    if (this.#win && !this.#win.isDestroyed()) this.#win.hide();
  }

  toggle(): void {
    if (this.#win && !this.#win.isDestroyed() && this.#win.isVisible()) this.hide();
    else this.show();
  }

  destroy(): void {
    if (this.#win && !this.#win.isDestroyed()) this.#win.destroy();
    this.#win = null;
  }

  #create(): BrowserWindow {
    const win = new BrowserWindow(
      quickAccessWindowOptions({
        preloadPath: join(this.input.preloadDir, 'index.cjs'),
        isPackaged: this.input.isPackaged,
        darkBackground: nativeTheme.shouldUseDarkColors,
      }),
    );
    hardenWebContents(win.webContents, this.input.devServerUrl);
    const id = win.webContents.id;
    this.input.trusted.add(id);
    win.on('blur', () => win.hide());
    win.on('closed', () => {
      this.input.trusted.delete(id);
      if (this.#win === win) this.#win = null;
    });
    // A failed load (the window closed meanwhile) shows in the window itself; nothing to do here.
    win.loadURL(`${this.input.devServerUrl ?? `${APP_ORIGIN}/index.html`}#/quick-access`).catch(() => undefined);
    this.#win = win;
    return win;
  }
}
