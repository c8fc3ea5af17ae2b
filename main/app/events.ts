/**
 * The application's domain events and the bus they travel on. Services emit them; the IPC
 * layer's adapter (main/ipc/event-adapter.ts) is the one place that turns them into contract
 * events for the renderer, and the command line simply ignores them.
 */
import type { AttemptRecord } from '../core/http';
import type { AppRoute } from '../core/model/app-route';
import type { Settings } from '../core/model/settings';
import type { DeviceCodeInfo } from './oauth/oauth-types';
import type { ShortcutStatus } from './quick/quick-access';
import type { TotpCodeItem } from './totp/totp-live';
import type { VaultChangeReason, VaultStatus } from './vault/vault-status';

/** Why credentials changed: a write through Credentials, a reload from disk, an unlock. */
export type CredentialsChangeCause = 'write' | 'reload' | 'unlock';

export interface DomainEvents {
  'vault.changed': {
    status: VaultStatus;
    reason: VaultChangeReason;
    lostUnsavedChanges: boolean;
    /** What a lock dropped, named for the user ('service "GitHub"', 'rate limits'); empty when nothing was. */
    lost: string[];
  };
  'credentials.changed': { cause: CredentialsChangeCause };
  'clipboard.cleared': { cleared: boolean };
  'settings.changed': Settings;
  navigate: { route: AppRoute };
  'quick.shortcutChanged': ShortcutStatus;
  'oauth.changed': Record<string, never>;
  'oauth.device': DeviceCodeInfo;
  'oauth.progress': { credentialId: string; stage: string };
  'oauth.loginRequired': { serviceId: string; credentialId: string; name: string };
  'oauth.notice': { title: string; body: string; at: number };
  'totp.codes': { nowMs: number; initial: boolean; items: TotpCodeItem[] };
  'requests.changed': { serviceId: string | null };
  'requests.attempt': { requestId: string; attempt: AttemptRecord };
  'limits.waiting': { requestId: string; waitMs: number; reason: string | null };
  'limits.changed': { serviceId: string };
}

export type DomainEventName = keyof DomainEvents;

/** A listener gets every event; it narrows on the name. */
export type BusListener<M> = <K extends keyof M>(name: K, payload: M[K]) => void;

/** Synchronous fan-out; a listener that throws does not stop the others. */
export class EventBus<M> {
  readonly #listeners = new Set<(name: keyof M, payload: unknown) => void>();

  emit<K extends keyof M>(name: K, payload: M[K]): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(name, payload);
      } catch {
        // One subscriber's bug must not keep the event from the others.
      }
    }
  }

  /** Returns the unsubscribe function; there is no removeListener to get wrong. */
  subscribe(listener: (name: keyof M, payload: unknown) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Subscribes to one event, typed. */
  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): () => void {
    return this.subscribe((n, payload) => {
      if (n === name) listener(payload as M[K]);
    });
  }
}

export type AppEvents = EventBus<DomainEvents>;
