import { useEffect, useState } from 'react';
import type { AboutInfo, AppRoute } from '../../../preload/contract';
import { AboutPanel } from '../features/about/AboutPanel';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useLatch } from '../latch-context';
import { ToastProvider } from '../ui';
import { type NavEntry, Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useSettings, useThemeAttribute } from './use-settings';

const FOOTER: NavEntry[] = [
  { route: 'settings', label: 'Settings', icon: 'settings' },
  { route: 'about', label: 'About', icon: 'about' },
];

export function App() {
  const latch = useLatch();
  const settings = useSettings();
  useThemeAttribute(settings);
  const [route, setRoute] = useState<AppRoute>('about');
  const [about, setAbout] = useState<AboutInfo | null>(null);

  useEffect(() => latch.app.onNavigate(({ route: next }) => setRoute(next)), [latch]);
  useEffect(() => {
    void latch.app.about().then(setAbout, () => setAbout(null));
  }, [latch]);

  if (settings === null) return <div className="loading">Starting Latch…</div>;

  return (
    <ToastProvider>
      <div className="shell">
        <Sidebar entries={[]} footer={FOOTER} current={route} onNavigate={setRoute} />
        <main className="main" id="main">
          {route === 'settings' ? <SettingsPage settings={settings} /> : <AboutPanel />}
        </main>
        <StatusBar
          items={[
            ...(about
              ? [
                  { key: 'vault', text: about.vaultPath, title: 'Vault file' },
                  {
                    key: 'keychain',
                    tone: about.keychain.reachable ? ('ok' as const) : ('warn' as const),
                    text: about.keychain.reachable ? 'Keychain reachable' : 'No keychain',
                    title: about.keychain.detail,
                  },
                  { key: 'version', text: `Latch ${about.version}` },
                ]
              : []),
          ]}
        />
      </div>
    </ToastProvider>
  );
}
