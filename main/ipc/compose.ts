/**
 * The composition root shared by the Electron shell and the browser host: given the platform
 * pieces, build the application's services, the adapter from their events to the contract's,
 * and the dispatcher over the handler tables.
 */
import { join } from 'node:path';
import { createAppServices } from '../app/app-services';
import type { Confirmer } from '../app/confirmation';
import { type AppEvents, EventBus } from '../app/events';
import { EventNotifier } from '../app/oauth/event-notifier';
import { type FileWatcher, nodeFileWatcher } from '../app/vault/file-watcher';
import { folderSaveDialog } from '../core/io/folder-save-dialog';
import type { Keychain } from '../core/keychain/keychain';
import { LatchError } from '../core/model/errors';
import type { RefreshRule } from '../core/oauth';
import {
  type BrowserOpener,
  type Clipboard,
  type Clock,
  type Notifier,
  type SaveDialog,
  type SettingsStore,
  systemClock,
} from '../core/platform';
import { notificationFor } from '../security/notifications';
import { createDispatcher, type Dispatch } from './dispatcher';
import { adaptEvents } from './event-adapter';
import { createEventHub, type EventHub } from './event-hub';
import { createHandlers } from './handlers/index';
import type { HandlerServices, KeychainStatus, RuntimeInfo } from './services';

export interface ComposeInput {
  dataDir: string;
  runtime: RuntimeInfo;
  settings: SettingsStore;
  keychainStatus(): Promise<KeychainStatus>;
  keychain: Keychain;
  clipboard: Clipboard;
  clock?: Clock;
  /** Opens OAuth sign-in pages in the user's own browser (shell.openExternal, xdg-open, a test page). */
  browser?: BrowserOpener;
  /** Where exports are saved; default a folder `exports` under dataDir (the browser host's answer). */
  saveDialog?: SaveDialog;
  /**
   * Asks the user, in main's words, before a change that lowers protection (settings.weaken). No
   * default: each host decides how its user is asked (a native dialog; the browser host's queue).
   */
  confirmer: Confirmer;
  /** Desktop notifications; default: kept in memory and sent to the renderer as `oauth.notice`. */
  notifier?: Notifier;
  /** When OAuth tokens are refreshed; default REFRESH_RULE (tests with short-lived tokens pass their own). */
  refreshRule?: RefreshRule;
  /** How long a browser sign-in waits before the screen says what for (tests: milliseconds). */
  signInPatienceMs?: number;
  /** Tells of changes to the unlocked vault's file (the command line's writes); default a watch of its folder. */
  watcher?: FileWatcher;
  /** Called with errors that were not LatchErrors; the message is never sent to the renderer. */
  onInternalError?: (channel: string, e: unknown) => void;
}

export interface Composed {
  services: HandlerServices;
  dispatch: Dispatch;
  /** Contract events, for every connected renderer. */
  events: EventHub;
}

const noBrowser: BrowserOpener = {
  open: async () => {
    throw new LatchError('ERR_BAD_INPUT', 'This Latch host cannot open a browser. Use the device flow instead.');
  },
};

export function compose(input: ComposeInput): Composed {
  const clock = input.clock ?? systemClock;
  const vaultPath = () => input.settings.get().lastVaultPath || join(input.dataDir, 'vault.latch');
  const browser = input.browser ?? noBrowser;
  // The bus comes first so the default notifier (toasts in the renderer) can emit on it.
  const domainEvents: AppEvents = new EventBus();
  const notifier: Notifier = input.notifier ?? new EventNotifier(domainEvents, clock);
  const app = createAppServices({
    events: domainEvents,
    vaultPath,
    settings: input.settings,
    keychain: input.keychain,
    clipboard: input.clipboard,
    clock,
    browser,
    saveDialog: input.saveDialog ?? folderSaveDialog(join(input.dataDir, 'exports')),
    confirmer: input.confirmer,
    watcher: input.watcher ?? nodeFileWatcher,
    notice: (notice) => {
      const text = notificationFor(notice, { notifyClipboardCleared: false });
      if (text) notifier.notify(text.title, text.body);
    },
    ...(input.refreshRule ? { refreshRule: input.refreshRule } : {}),
    ...(input.signInPatienceMs !== undefined ? { signInPatienceMs: input.signInPatienceMs } : {}),
  });
  const events = createEventHub();
  adaptEvents(app.events, events);
  const services: HandlerServices = {
    ...app,
    runtime: input.runtime,
    vaultPath,
    keychainStatus: input.keychainStatus,
    browser,
    links: {
      serviceBaseUrl: async (id) => (await app.credentials.view(id)).baseUrl,
      deviceVerificationUri: (id) =>
        app.oauth.pendingDevices().find((d) => d.credentialId === id)?.verificationUri ?? null,
    },
  };
  return {
    services,
    events,
    dispatch: createDispatcher(createHandlers(services), {
      onInternalError: input.onInternalError,
      onUserAction: () => services.vault.touch(),
    }),
  };
}
