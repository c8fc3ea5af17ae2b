import { Menu } from 'electron';
import type { AppRoute } from '../../preload/contract';
import { DOC_LINKS } from '../core/model/doc-links';
import type { Composed } from '../ipc/compose';
import { applicationMenuTemplate } from '../security/menu-template';
import { electronBrowser } from './electron-browser';

export interface AppMenuInput {
  composed: Composed;
  isPackaged: boolean;
  showMainWindow(): void;
  openQuickAccess(): void;
}

/**
 * The application menu, rebuilt whenever the vault locks or unlocks so that Lock Now is
 * enabled exactly while there is something to lock. Lock Now locks in main: it must work
 * with no window open, and a page must not be the one deciding whether the vault locks.
 */
export function installApplicationMenu(input: AppMenuInput): () => void {
  const { services, events } = input.composed;
  const navigate = (route: AppRoute) => {
    input.showMainWindow();
    events.emit('app.navigate', { route });
  };
  const build = (locked: boolean) =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate({
          platform: process.platform,
          isPackaged: input.isPackaged,
          appName: 'Latch',
          locked,
          commands: {
            lockNow: () => void services.vault.lock(false).catch(() => undefined),
            openQuickAccess: input.openQuickAccess,
            openSettings: () => navigate('settings'),
            openAbout: () => navigate('about'),
            openDocs: () => void electronBrowser.open(DOC_LINKS.readme).catch(() => undefined),
          },
        }),
      ),
    );
  build(true);
  void services.vault
    .statusNow()
    .then((status) => build(status.state !== 'unlocked'))
    .catch(() => undefined);
  return events.subscribe((name, payload) => {
    if (name === 'vault.changed') build((payload as { status: { state: string } }).status.state !== 'unlocked');
  });
}
