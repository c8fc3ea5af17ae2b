/**
 * What the handlers need, assembled once per process by whoever hosts them: the
 * Electron shell, or the browser host. Handlers never construct platform pieces.
 */

import type { Located } from '../core/credentials/service-store';
import type { KeychainStatus } from '../core/keychain/status';
import type { Credential } from '../core/model/credential';
import type { BrowserOpener, Clock, SaveDialog, SettingsStore } from '../core/platform';
import type { AppVault } from './app-vault';
import type { ClockSkew } from './clock-skew';
import type { EventHub } from './event-hub';
import type { OAuthManager } from './oauth-manager';
import type { QuickAccess } from './quick-access';

export type { KeychainStatus };

export interface RuntimeInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  runtime: string;
  transport: 'electron-ipc' | 'browser-host';
}

export interface AppServices {
  runtime: RuntimeInfo;
  settings: SettingsStore;
  events: EventHub;
  vaultPath(): string;
  keychainStatus(): Promise<KeychainStatus>;
  vault: AppVault;
  clock: Clock;
  /** The last server clock seen by the request tester, for the Codes screen's warning. */
  clockSkew: ClockSkew;
  /** Recent copies and the global shortcut's state, for the tray and the palette. */
  quickAccess: QuickAccess;
  /** The value of one field of a credential (a live TOTP code, a fresh token, a minted JWT…); throws ERR_NOT_FOUND. */
  readSecretField(located: Located, field: string): Promise<string>;
  /** Deleted credentials whose tokens should be revoked; never awaited by the delete. */
  afterCredentialsDeleted(credentials: Credential[]): void;
  /** Asks the user where an export goes (a native dialog; a folder in the browser host). */
  saveDialog: SaveDialog;
  /** The user's own browser, for OAuth pages and the links `app.openLink` resolves. */
  browser: BrowserOpener;
  /** OAuth sign-in flows, the refresh scheduler and the revocation queue. */
  oauth: OAuthManager;
}
