import type { Settings, SettingsPatch } from './settings';

/** `true` when going from `from` to `to` lowers protection; 'neutral' when no value of it does. */
type Rule<T> = 'neutral' | ((from: T, to: T) => boolean);

/**
 * Every setting, classified. A change that lowers the vault's protection must be the user's own
 * (a click or key press: the gesture channel `settings.weaken`); `settings.update`, which a script
 * in the renderer can call alone, is refused it in main. A setting added to the schema does not
 * type-check here until someone decides which it is.
 */
const WEAKENS: { [K in keyof Settings]: Rule<Settings[K]> } = {
  // 0 is "never": turning it off is the weakest, and any number is stronger than off.
  autoLockMinutes: (from, to) => from !== 0 && (to === 0 || to > from),
  clipboardClearSeconds: (from, to) => to > from,
  // Closing the window then no longer quits (which locks and clears the clipboard): the vault stays open in the tray.
  closeToTray: (from, to) => !from && to,
  // The backups are what undoes a script's deletions (docs/security.md); fewer kept prunes older days.
  automaticBackups: (from, to) => from && !to,
  backupsToKeep: (from, to) => to < from,
  // The keys that, pressed in any app, open the palette, whose Enter puts a secret on the clipboard:
  // a script could take a combination typed all day (Ctrl+Shift+V). The recorder sets it from key presses.
  quickAccessShortcut: (from, to) => to !== from,
  theme: 'neutral',
  // Latch starts locked; nothing of the vault is reachable from starting it, shown or hidden.
  startAtLogin: 'neutral',
  startHidden: 'neutral',
  notifyClipboardCleared: 'neutral',
  windowBounds: 'neutral',
  // Which file the next start opens (or creates). Main records it (vault.choose is a click) and both
  // channels refuse it as an unknown key; were it ever let through, it would still need the user.
  lastVaultPath: (from, to) => to !== from,
};

/** The fields of `patch` that would lower protection from `current`, in the schema's order. */
export function weakenedSettings(current: Settings, patch: SettingsPatch): (keyof Settings)[] {
  return (Object.keys(WEAKENS) as (keyof Settings)[]).filter((key) => {
    const rule = WEAKENS[key] as Rule<unknown>;
    const to = patch[key];
    return rule !== 'neutral' && to !== undefined && rule(current[key], to);
  });
}
