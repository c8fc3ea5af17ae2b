import { useEffect, useState } from 'react';
import type { AboutInfo, AppRoute } from '../../../preload/contract';
import { AboutPanel } from '../features/about/AboutPanel';
import { QuickAccessPalette } from '../features/quick-access/QuickAccessPalette';
import { useQuickAccessRoute } from '../features/quick-access/use-quick-access-route';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ReadOnlyBanner } from '../features/vault/ReadOnlyBanner';
import { RecoveryKit } from '../features/vault/RecoveryKit';
import { SaveFailedBanner } from '../features/vault/SaveFailedBanner';
import { VaultGate } from '../features/vault/VaultGate';
import { useLatch } from '../latch-context';
import { Icon, ToastProvider } from '../ui';
import { ROUTE_NAMES } from './route-names';
import { MAIN_ROUTES } from './routes';
import { type NavEntry, NavLabel, Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useSettings, useThemeAttribute } from './use-settings';
import { useActivityPing, useVaultStatus } from './use-vault-status';

const FOOTER: NavEntry[] = [
  { route: 'settings', label: ROUTE_NAMES.settings, icon: 'settings' },
  { route: 'about', label: ROUTE_NAMES.about, icon: 'about' },
];

export function App() {
  const latch = useLatch();
  const settings = useSettings();
  useThemeAttribute(settings);
  const { status, lastReason, lost } = useVaultStatus();
  const unlocked = status?.state === 'unlocked';
  useActivityPing(unlocked);
  const quickAccess = useQuickAccessRoute(latch);
  const [route, setRoute] = useState<AppRoute>(MAIN_ROUTES[0]?.route ?? 'about');
  const [about, setAbout] = useState<AboutInfo | null>(null);
  // Hardened mode's kit is shown once, right after creation, before the unlocked app.
  const [recoveryKit, setRecoveryKit] = useState<string | null>(null);

  useEffect(
    () =>
      latch.app.onNavigate(({ route: next }) => {
        // A lock that cannot save first is refused; the save-failed banner says why and offers the way out.
        if (next === 'lock') void latch.vault.lock({}).catch(() => undefined);
        else setRoute(next);
      }),
    [latch],
  );
  useEffect(() => {
    void latch.app.about().then(setAbout, () => setAbout(null));
  }, [latch]);

  if (settings === null || status === null) return <div className="loading">Starting Latch…</div>;
  if (quickAccess.open && quickAccess.dedicated)
    return <QuickAccessPalette status={status} dedicated onClose={quickAccess.close} />;

  return (
    <>
      {quickAccess.open ? <QuickAccessPalette status={status} dedicated={false} onClose={quickAccess.close} /> : null}
      {/* Hidden, not unmounted, under the palette: closing it gives focus back where it was. */}
      <div className="app-root" hidden={quickAccess.open}>
        <ToastProvider>
          {recoveryKit !== null ? (
            <div className="gate">
              <RecoveryKit kit={recoveryKit} onDone={() => setRecoveryKit(null)} />
            </div>
          ) : unlocked ? (
            <div className="shell">
              <Sidebar
                entries={MAIN_ROUTES.map((r) => ({ route: r.route, label: r.label, icon: r.icon }))}
                footer={FOOTER}
                current={route}
                onNavigate={setRoute}
                action={
                  <button
                    type="button"
                    className="nav__item"
                    onClick={() => void latch.vault.lock({}).catch(() => undefined)}
                    aria-label="Lock now"
                  >
                    <span className="nav__glyph">
                      <Icon name="lock" />
                    </span>
                    <NavLabel label="Lock" />
                  </button>
                }
              />
              <main className="main" id="main">
                <ReadOnlyBanner status={status} />
                <SaveFailedBanner status={status} />
                {route === 'settings' ? (
                  <SettingsPage settings={settings} vault={status} />
                ) : route === 'about' ? (
                  <AboutPanel />
                ) : (
                  ((MAIN_ROUTES.find((r) => r.route === route) ?? MAIN_ROUTES[0])?.render(setRoute) ?? <AboutPanel />)
                )}
              </main>
              <StatusBar
                items={[
                  {
                    key: 'lock',
                    tone: status.unsaved || status.readOnly ? 'warn' : 'ok',
                    text: status.readOnly
                      ? 'Read-only backup'
                      : status.unsaved
                        ? 'Unlocked · changes not saved'
                        : 'Unlocked',
                  },
                  { key: 'vault', text: status.path, detail: `Vault file: ${status.path}` },
                  ...(status.backupError
                    ? [{ key: 'backup', tone: 'warn' as const, text: 'Backup failed', detail: status.backupError }]
                    : []),
                  ...(about
                    ? [
                        {
                          key: 'keychain',
                          tone: about.keychain.reachable ? ('ok' as const) : ('warn' as const),
                          text: about.keychain.reachable ? 'Keychain reachable' : 'No keychain',
                          detail: about.keychain.detail,
                        },
                        { key: 'version', text: `Latch ${about.version}` },
                      ]
                    : []),
                ]}
              />
            </div>
          ) : (
            <VaultGate status={status} lastReason={lastReason} lost={lost} onRecoveryKit={setRecoveryKit} />
          )}
        </ToastProvider>
      </div>
    </>
  );
}
