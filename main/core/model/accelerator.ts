/**
 * Electron accelerators ("CommandOrControl+Shift+L") for the global quick-access shortcut:
 * what a key press in the recorder becomes, whether a string is one Electron takes, and how
 * to show it. Isomorphic: the renderer records with it, the contract validates with it.
 * Written by hand because Electron exposes no parser outside main (and there only by
 * throwing from globalShortcut.register).
 */

export type Platform = 'darwin' | 'other';

const MODIFIERS: Record<string, 'cmdOrCtrl' | 'cmd' | 'ctrl' | 'alt' | 'shift' | 'super'> = {
  commandorcontrol: 'cmdOrCtrl',
  cmdorctrl: 'cmdOrCtrl',
  command: 'cmd',
  cmd: 'cmd',
  control: 'ctrl',
  ctrl: 'ctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'alt',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((k) => k.toLowerCase()),
);
const PUNCTUATION = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{}[]|\\\'"']);

function isKeyCode(token: string): boolean {
  if (/^[A-Za-z0-9]$/.test(token) || PUNCTUATION.has(token)) return true;
  if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(token) || /^num[0-9]$/i.test(token)) return true;
  return NAMED_KEYS.has(token.toLowerCase());
}

/**
 * Why `accelerator` cannot be the global shortcut, or null when it can: Electron's syntax,
 * one key, and at least one of Ctrl, Alt, Command or Super (a bare key or Shift+key would be
 * taken from every other app while Latch runs).
 */
export function acceleratorProblem(accelerator: string): string | null {
  // "+" is both the separator and a key ("Ctrl++"): split so a trailing "+" stays a token.
  const tokens = accelerator.endsWith('++') ? [...accelerator.slice(0, -2).split('+'), '+'] : accelerator.split('+');
  if (accelerator.length === 0 || accelerator.length > 64 || tokens.some((t) => t === '')) {
    return 'Not a key combination: press the keys together, e.g. Ctrl Shift L.';
  }
  const key = tokens[tokens.length - 1] ?? '';
  const modifiers = tokens.slice(0, -1).map((t) => MODIFIERS[t.toLowerCase()]);
  if (modifiers.some((m) => m === undefined) || !isKeyCode(key)) {
    return `Not a key combination Electron knows: ${accelerator}.`;
  }
  if (!modifiers.some((m) => m !== 'shift')) {
    return 'Add Ctrl, Alt, Cmd or Super: a key alone (or with Shift) would stop working in every other app.';
  }
  return null;
}

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Recorded =
  | { kind: 'modifiers-only' }
  | { kind: 'combination'; accelerator: string }
  | { kind: 'refused'; accelerator: string; reason: string };

const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

/** The key of a press by its physical position (event.code), so Shift+1 is "1", not "!". */
function keyOf(code: string): string | null {
  const m = /^(?:Key([A-Z])|Digit([0-9])|(F[0-9]{1,2})|Numpad([0-9]))$/.exec(code);
  if (m) return m[1] ?? m[2] ?? m[3] ?? (m[4] !== undefined ? `num${m[4]}` : null);
  return CODE_KEYS[code] ?? null;
}

/**
 * A key press in the recorder as an Electron accelerator. The primary modifier (Cmd on
 * macOS, Ctrl elsewhere) is stored as CommandOrControl, as the default is.
 */
export function acceleratorFromKeyPress(press: KeyPress, platform: Platform): Recorded {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS'].includes(press.key)) return { kind: 'modifiers-only' };
  const key = keyOf(press.code);
  const mac = platform === 'darwin';
  const parts = [
    (mac ? press.metaKey : press.ctrlKey) ? 'CommandOrControl' : null,
    mac && press.ctrlKey ? 'Control' : null,
    press.altKey ? 'Alt' : null,
    press.shiftKey ? 'Shift' : null,
    !mac && press.metaKey ? 'Super' : null,
  ].filter((p): p is string => p !== null);
  const accelerator = [...parts, key ?? press.key].join('+');
  if (key === null) return { kind: 'refused', accelerator, reason: `Latch cannot use ${press.key} in a shortcut.` };
  const reason = acceleratorProblem(accelerator);
  return reason === null ? { kind: 'combination', accelerator } : { kind: 'refused', accelerator, reason };
}

const CHIP_NAMES: Record<Platform, Record<string, string>> = {
  darwin: { cmdOrCtrl: '⌘', cmd: '⌘', ctrl: '⌃', alt: '⌥', shift: '⇧', super: '⌘' },
  other: { cmdOrCtrl: 'Ctrl', cmd: 'Super', ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', super: 'Super' },
};

/** The accelerator as the chips the recorder shows: ["Ctrl", "Shift", "L"], or ["⌘", "⇧", "L"] on macOS. */
export function acceleratorChips(accelerator: string, platform: Platform): string[] {
  if (accelerator === '') return [];
  const tokens = accelerator.endsWith('++') ? [...accelerator.slice(0, -2).split('+'), '+'] : accelerator.split('+');
  return tokens.map((t, i) => {
    const modifier = i < tokens.length - 1 ? MODIFIERS[t.toLowerCase()] : undefined;
    if (modifier) return CHIP_NAMES[platform][modifier] ?? t;
    return t.length === 1 ? t.toUpperCase() : t;
  });
}
