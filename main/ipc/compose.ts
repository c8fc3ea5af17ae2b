/**
 * The composition root shared by the Electron shell and the browser host: given the
 * platform pieces, build the services the handlers use and the dispatcher over them.
 */
import { join } from 'node:path';
import type { SettingsStore } from '../core/platform';
import { createDispatcher, type Dispatch } from './dispatcher';
import { EventHub } from './event-hub';
import { createHandlers } from './handlers/index';
import type { AppServices, KeychainStatus, RuntimeInfo } from './services';

export interface ComposeInput {
  dataDir: string;
  runtime: RuntimeInfo;
  settings: SettingsStore;
  keychainStatus(): Promise<KeychainStatus>;
  /** Called with errors that were not LatchErrors; the message is never sent to the renderer. */
  onInternalError?: (channel: string, e: unknown) => void;
}

export interface Composed {
  services: AppServices;
  dispatch: Dispatch;
  events: EventHub;
}

export function compose(input: ComposeInput): Composed {
  const events = new EventHub();
  const services: AppServices = {
    runtime: input.runtime,
    settings: input.settings,
    events,
    vaultPath: () => input.settings.get().lastVaultPath || join(input.dataDir, 'vault.latch'),
    keychainStatus: input.keychainStatus,
  };
  return { services, events, dispatch: createDispatcher(createHandlers(services), input.onInternalError) };
}
