/**
 * What the core needs from the platform, as small interfaces. The Electron shell,
 * the command line and the browser host each implement them once.
 */
import type { Settings, SettingsPatch } from './model/settings';

/** X11 has two places a copy can be pasted from: the clipboard (Ctrl+V) and the primary selection (middle-click). */
export type ClipboardSelection = 'clipboard' | 'primary';

export interface Clipboard {
  /** Where writeText puts the text (default: the clipboard alone); each is checked and cleared on its own. */
  readonly selections?: readonly ClipboardSelection[];
  readText(selection?: ClipboardSelection): Promise<string>;
  /** Writes every selection in `selections`. */
  writeText(text: string, options?: { concealed?: boolean }): Promise<void>;
  /** Clears one selection, or all of them. */
  clear(selection?: ClipboardSelection): Promise<void>;
}

export interface BrowserOpener {
  /** Opens an http(s) URL in the user's own browser. */
  open(url: string): Promise<void>;
}

/**
 * Asks the user where to save a file, in main: a native save dialog in the app, a fixed
 * folder in the browser host. The renderer never names the path. Null: the user cancelled.
 */
export interface SaveDialog {
  choose(request: { title: string; defaultName: string; extension: string }): Promise<string | null>;
}

export interface Notifier {
  notify(title: string, body: string): void;
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
