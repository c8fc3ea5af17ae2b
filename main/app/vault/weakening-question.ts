/**
 * What main asks before a settings change that lowers protection: the question written from the
 * change itself (the values main holds and the values asked for), never from text the page sent.
 */
import type { Settings, SettingsPatch } from '../../core/model/settings';
import { weakenedSettings } from '../../core/model/settings-weakening';
import type { Confirmation } from '../confirmation';

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** Whole minutes as the Settings screen takes them; a fraction (a settings file may hold one) in seconds. */
function minutes(n: number): string {
  return Number.isInteger(n) ? plural(n, 'minute') : plural(Math.round(n * 60), 'second');
}

function seconds(n: number): string {
  return n >= 60 && n % 60 === 0 ? minutes(n / 60) : plural(n, 'second');
}

type Asked = Omit<Confirmation, 'title'> & { question: string };
type Ask<K extends keyof Settings> = (from: Settings[K], to: Settings[K]) => Asked;

/** One question per setting that can lower protection (the rule that says when is settings-weakening.ts). */
const ASK: { [K in keyof Settings]?: Ask<K> } = {
  autoLockMinutes: (from, to) =>
    to === 0
      ? {
          question: 'Turn the auto-lock off?',
          detail: `The vault will stay unlocked until you lock it yourself; now it locks after ${minutes(from)} idle.`,
          confirmLabel: 'Turn auto-lock off',
        }
      : {
          question: `Lock the vault after ${minutes(to)} idle instead of ${from === 0 ? 'never' : minutes(from)}?`,
          detail: 'The vault stays open longer when you step away from the computer.',
          confirmLabel: `Lock after ${minutes(to)}`,
        },
  clipboardClearSeconds: (from, to) => ({
    question: `Keep copied secrets on the clipboard for ${seconds(to)} instead of ${seconds(from)}?`,
    detail: 'Until it is cleared, any app can read or paste what you copied.',
    confirmLabel: `Keep for ${seconds(to)}`,
  }),
  closeToTray: () => ({
    question: 'Keep Latch running in the tray when its window is closed?',
    detail: 'Closing the window will no longer quit Latch, so it will no longer lock the vault or clear the clipboard.',
    confirmLabel: 'Keep in the tray',
  }),
  automaticBackups: () => ({
    question: 'Turn automatic backups off?',
    detail:
      'Latch will stop making its daily encrypted copy of the vault, the way back from a deleted or overwritten secret. The backups made so far are kept.',
    confirmLabel: 'Turn backups off',
  }),
  backupsToKeep: (from, to) => ({
    question: `Keep ${plural(to, 'automatic backup')} instead of ${from}?`,
    detail: `The oldest backups beyond ${to} are deleted at the next backup.`,
    confirmLabel: `Keep ${to}`,
  }),
  quickAccessShortcut: (from, to) => ({
    question: `Open quick access with ${to} instead of ${from}?`,
    detail: 'These keys, pressed in any app, open the quick-access palette, where Enter copies a secret.',
    confirmLabel: 'Change the shortcut',
  }),
  lastVaultPath: (_from, to) => ({
    question: `Open ${to} at the next start?`,
    detail: 'Latch will open, or offer to create, the vault at this path when it starts.',
    confirmLabel: 'Use this vault',
  }),
};

/**
 * The question for a change that lowers protection, or null when `patch` lowers nothing. One setting:
 * its own question. Several (one call may carry them): each named in the detail, one answer for all.
 */
export function weakeningQuestion(current: Settings, patch: SettingsPatch): Confirmation | null {
  const asked = weakenedSettings(current, patch).map((key) => {
    const ask = ASK[key] as Ask<typeof key> | undefined;
    if (ask === undefined) throw new Error(`No question for the setting ${key}`);
    return ask(current[key], patch[key] as Settings[typeof key]);
  });
  const [only] = asked;
  if (only === undefined) return null;
  if (asked.length === 1) return { title: only.question, detail: only.detail, confirmLabel: only.confirmLabel };
  return {
    title: `Lower the vault's protection in ${asked.length} ways?`,
    detail: asked.map((a) => `• ${a.question} ${a.detail}`).join('\n'),
    confirmLabel: 'Make these changes',
  };
}
