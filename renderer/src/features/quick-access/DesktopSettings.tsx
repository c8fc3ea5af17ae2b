import { useEffect, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { Settings, ShortcutStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, TextField, useToast } from '../../ui';

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
  const [draft, setDraft] = useState(settings.quickAccessShortcut);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void latch.quick.shortcut().then(setShortcut, () => setShortcut(null));
    return latch.quick.onShortcutChanged(setShortcut);
  }, [latch]);
  useEffect(() => setDraft(settings.quickAccessShortcut), [settings.quickAccessShortcut]);

  const save = async (patch: Partial<Settings>) => {
    try {
      await latch.settings.update(patch);
      setError(null);
    } catch (e) {
      const text = e instanceof BridgeError ? e.message : 'That setting was not saved.';
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
      <TextField
        label="Quick-access shortcut"
        mono
        value={draft}
        error={refused ? 'The OS refused this shortcut; try another.' : error}
        hint={
          shortcut?.state === 'unsupported'
            ? 'Global shortcuts work in the desktop app; here, open #/quick-access.'
            : 'Electron accelerator syntax, e.g. CommandOrControl+Shift+L.'
        }
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => {
          const next = draft.trim();
          if (next !== '' && next !== settings.quickAccessShortcut) void save({ quickAccessShortcut: next });
        }}
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
