import { useEffect, useState } from 'react';
import type { Settings, ShortcutStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useToast } from '../../ui';
import { notSavedMessage, saveSettings, wasCancelled } from '../settings/save-settings';
import { ShortcutRecorder } from './ShortcutRecorder';

type Toggle = 'closeToTray' | 'startAtLogin' | 'startHidden' | 'notifyClipboardCleared';

const TOGGLES: { key: Toggle; label: string }[] = [
  { key: 'closeToTray', label: 'Closing the window keeps Latch in the tray' },
  { key: 'startAtLogin', label: 'Start Latch when I log in (Windows and macOS)' },
  { key: 'startHidden', label: 'Start hidden, in the tray' },
  { key: 'notifyClipboardCleared', label: 'Notify me when the clipboard is cleared' },
];

/** Tray, login and quick-access preferences, and whether the OS took the global shortcut. */
export function DesktopSettings({ settings }: { settings: Settings }) {
  const latch = useLatch();
  const toast = useToast();
  const [shortcut, setShortcut] = useState<ShortcutStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void latch.quick.shortcut().then(setShortcut, () => setShortcut(null));
    return latch.quick.onShortcutChanged(setShortcut);
  }, [latch]);

  const save = async (patch: Partial<Settings>) => {
    try {
      await saveSettings(latch, settings, patch);
      setError(null);
    } catch (e) {
      // The user said no to main's question: the box and the shortcut show the stored value already.
      if (wasCancelled(e)) return setError(null);
      const text = notSavedMessage(e, 'That setting was not saved.');
      if ('quickAccessShortcut' in patch) setError(text);
      toast.show(text, 'error');
    }
  };

  const refused = shortcut?.state === 'refused' && shortcut.accelerator === settings.quickAccessShortcut;
  return (
    <div className="card stack">
      <h2 className="section-title">Tray and quick access</h2>
      {TOGGLES.map((t) => (
        <label className="hstack" key={t.key}>
          <input
            type="checkbox"
            checked={settings[t.key]}
            onChange={(e) => void save({ [t.key]: e.currentTarget.checked })}
          />
          {t.label}
        </label>
      ))}
      <ShortcutRecorder
        label="Quick-access shortcut"
        value={settings.quickAccessShortcut}
        onRecord={(accelerator) => void save({ quickAccessShortcut: accelerator })}
        error={
          refused
            ? 'The system did not take this shortcut (another app or the desktop may use it): record another, or try one below.'
            : error
        }
        {...(shortcut?.state === 'unsupported'
          ? { hint: 'Global shortcuts work in the desktop app; here, open #/quick-access.' }
          : {})}
      />
      {refused && shortcut.fallbacks.length > 0 ? (
        <div className="hstack">
          <span>Try:</span>
          {shortcut.fallbacks.map((f) => (
            <Button key={f} size="small" onClick={() => void save({ quickAccessShortcut: f })}>
              {f}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
