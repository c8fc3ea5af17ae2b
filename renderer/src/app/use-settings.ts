import { useEffect, useState } from 'react';
import type { Settings } from '../../../preload/contract';
import { useLatch } from '../latch-context';

/** The settings from main, kept fresh by its `settings.changed` event. */
export function useSettings(): Settings | null {
  const latch = useLatch();
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void latch.settings.get().then((s) => live && setSettings(s));
    const off = latch.settings.onChanged((s) => setSettings(s));
    return () => {
      live = false;
      off();
    };
  }, [latch]);
  return settings;
}

/** Applies the theme choice: 'system' follows the OS through the CSS media query. */
export function useThemeAttribute(settings: Settings | null): void {
  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    if (theme === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
  }, [settings?.theme]);
}
