/**
 * What the handlers need, assembled once per process by whoever hosts them: the
 * Electron shell, or the browser host. Handlers never construct platform pieces.
 */

import type { KeychainStatus } from '../core/keychain/status';
import type { SettingsStore } from '../core/platform';
import type { EventHub } from './event-hub';

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
}
