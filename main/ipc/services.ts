/**
 * What the handlers map to: the application's services, plus what only the host knows (which
 * runtime, the keychain probe). Assembled once per process in compose.ts.
 */
import type { AppServices } from '../app/app-services';
import type { KeychainStatus } from '../core/keychain/status';
import type { BrowserOpener } from '../core/platform';
import type { LinkLookups } from '../security/link-targets';

export type { KeychainStatus };

export interface RuntimeInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  runtime: string;
  transport: 'electron-ipc' | 'browser-host';
}

export interface HandlerServices extends AppServices {
  runtime: RuntimeInfo;
  vaultPath(): string;
  keychainStatus(): Promise<KeychainStatus>;
  /** The user's own browser, for the links `app.openLink` resolves. */
  browser: BrowserOpener;
  /** What a link id may name: a service's base URL, the verification page of a device sign-in main started. */
  links: LinkLookups;
}
