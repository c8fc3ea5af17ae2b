import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from '../core/model/settings';

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: WindowBounds | null;
  isPackaged: boolean;
  darkBackground: boolean;
  startHidden: boolean;
}

/**
 * The smallest window every screen is designed and tested for (the e2e layout matrix runs at
 * this size). Saved bounds from a smaller window are grown to it rather than restored cut off.
 */
export const MIN_WINDOW = { width: 720, height: 560 } as const;

/** The main window's options. Every security switch is spelled out, not left to a default. */
export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: Math.max(input.bounds?.width ?? 1180, MIN_WINDOW.width),
    height: Math.max(input.bounds?.height ?? 760, MIN_WINDOW.height),
    ...(input.bounds?.x !== undefined ? { x: input.bounds.x } : {}),
    ...(input.bounds?.y !== undefined ? { y: input.bounds.y } : {}),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'Latch',
    backgroundColor: input.darkBackground ? '#111315' : '#f7f7f5',
    autoHideMenuBar: false,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.isPackaged,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/**
 * The quick-access palette: small, frameless, always on top, hidden from the taskbar, with
 * exactly the main window's preload and security switches (it is the same renderer).
 */
export function quickAccessWindowOptions(input: {
  preloadPath: string;
  isPackaged: boolean;
  darkBackground: boolean;
}): BrowserWindowConstructorOptions {
  const base = mainWindowOptions({ ...input, bounds: null, startHidden: true });
  return {
    ...base,
    width: 640,
    height: 420,
    minWidth: 480,
    minHeight: 240,
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    center: true,
    title: 'Latch quick access',
  };
}
