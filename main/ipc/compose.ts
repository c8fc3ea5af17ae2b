/**
 * The composition root shared by the Electron shell and the browser host: given the
 * platform pieces, build the services the handlers use and the dispatcher over them.
 */
import { join } from 'node:path';
import { readSecretField } from '../core/credentials/primary-secret';
import type { Located } from '../core/credentials/service-store';
import { folderSaveDialog } from '../core/io/folder-save-dialog';
import type { Keychain } from '../core/keychain/keychain';
import type { Credential } from '../core/model/credential';
import { LatchError } from '../core/model/errors';
import {
  type BrowserOpener,
  type Clipboard,
  type Clock,
  type Notifier,
  type SaveDialog,
  type SettingsStore,
  systemClock,
} from '../core/platform';
import { AppVault } from './app-vault';
import { ClockSkew } from './clock-skew';
import { createDispatcher, type Dispatch } from './dispatcher';
import { EventHub } from './event-hub';
import { EventNotifier } from './event-notifier';
import { createHandlers } from './handlers/index';
import { OAuthManager } from './oauth-manager';
import { QuickAccess } from './quick-access';
import type { AppServices, KeychainStatus, RuntimeInfo } from './services';

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
  /** Desktop notifications; default: kept in memory and sent to the renderer as `oauth.notice`. */
  notifier?: Notifier;
  /** How long before expiry OAuth tokens are refreshed; default 5 minutes (tests use seconds). */
  refreshMarginMs?: number;
  /** Called with errors that were not LatchErrors; the message is never sent to the renderer. */
  onInternalError?: (channel: string, e: unknown) => void;
}

export interface Composed {
  services: AppServices;
  dispatch: Dispatch;
  events: EventHub;
}

const noBrowser: BrowserOpener = {
  open: async () => {
    throw new LatchError('ERR_BAD_INPUT', 'This Latch host cannot open a browser. Use the device flow instead.');
  },
};

export function compose(input: ComposeInput): Composed {
  const events = new EventHub();
  const clock = input.clock ?? systemClock;
  const vaultPath = () => input.settings.get().lastVaultPath || join(input.dataDir, 'vault.latch');
  const vault = new AppVault({
    vaultPath,
    keychain: input.keychain,
    clipboard: input.clipboard,
    settings: input.settings,
    events,
    clock,
  });
  const browser = input.browser ?? noBrowser;
  const oauth = new OAuthManager({
    vault,
    events,
    clock,
    opener: browser,
    notifier: input.notifier ?? new EventNotifier(events, clock),
    ...(input.refreshMarginMs !== undefined ? { refreshMarginMs: input.refreshMarginMs } : {}),
  });
  const services: AppServices = {
    runtime: input.runtime,
    settings: input.settings,
    events,
    vaultPath,
    keychainStatus: input.keychainStatus,
    vault,
    clock,
    clockSkew: new ClockSkew(),
    quickAccess: new QuickAccess(events),
    readSecretField: (located: Located, field: string) => readSecretField(located, field, { clock }),
    afterCredentialsDeleted: (credentials: Credential[]) => oauth.afterDeleted(credentials),
    oauth,
    saveDialog: input.saveDialog ?? folderSaveDialog(join(input.dataDir, 'exports')),
    browser,
  };
  return { services, events, dispatch: createDispatcher(createHandlers(services), input.onInternalError) };
}
