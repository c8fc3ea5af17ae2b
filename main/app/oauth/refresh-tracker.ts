/**
 * Keeps the vault's OAuth tokens fresh while it is unlocked: one RefreshScheduler (core) per
 * unlock, told about every oauth2 credential with tokens, re-told when an edit changes one, and
 * stopped before the lock so a rotated refresh token is saved while the key is still there.
 *
 * A refresh token the server refused stays refused (no retry loop against a dead grant) until a
 * new sign-in stores other tokens.
 */
import type { ServiceStore } from '../../core/credentials/service-store';
import type { TokenSet } from '../../core/model/credential';
import type { LatchError } from '../../core/model/errors';
import {
  needsRefresh,
  type OAuth2Config,
  REFRESH_RULE,
  type RefreshRule,
  RefreshScheduler,
  type Timers,
} from '../../core/oauth';
import type { Clock } from '../../core/platform';

/** What the tracker tells its owner; each call names the credential. */
export interface RefreshListener {
  refreshed(credentialId: string): void;
  loginRequired(credentialId: string, serviceId: string | undefined, error: LatchError): void;
  willExpire(credentialId: string, serviceId: string | undefined, expiresAt: number): void;
  failed(credentialId: string, error: LatchError): void;
}

export interface RefreshTrackerDeps {
  clock: Clock;
  rule?: RefreshRule;
  timers?: Timers;
  /** The vault's services without counting as user activity; throws while locked. */
  store: () => ServiceStore;
  /** One refresh request (logged by the owner). */
  refresh: (credentialId: string, config: OAuth2Config) => Promise<TokenSet>;
  save: (serviceId: string, credentialId: string, tokens: TokenSet) => Promise<void>;
  listener: RefreshListener;
}

interface Tracked {
  serviceId: string;
  /** The config the scheduler was given, as text, to see whether an edit changed it. */
  signature: string;
  accessToken: string | undefined;
}

export class RefreshTracker {
  readonly #d: RefreshTrackerDeps & { rule: RefreshRule };
  readonly #tracked = new Map<string, Tracked>();
  /** Credentials whose refresh token was refused, by the access token they had then. */
  readonly #refused = new Map<string, string>();
  #scheduler: RefreshScheduler | null = null;

  constructor(deps: RefreshTrackerDeps) {
    this.#d = { ...deps, rule: deps.rule ?? REFRESH_RULE };
  }

  get running(): boolean {
    return this.#scheduler !== null;
  }

  /** Whether the credential's tokens are being kept fresh. */
  has(credentialId: string): boolean {
    return this.#scheduler?.has(credentialId) ?? false;
  }

  serviceOf(credentialId: string): string | undefined {
    return this.#tracked.get(credentialId)?.serviceId;
  }

  /** After an unlock: a new scheduler, told about every credential with tokens. */
  async start(): Promise<void> {
    if (this.#scheduler) await this.stop();
    const scheduler = new RefreshScheduler({
      clock: this.#d.clock,
      rule: this.#d.rule,
      ...(this.#d.timers ? { timers: this.#d.timers } : {}),
      refresh: (id, tracked) => this.#refresh(id, tracked),
      save: async (id, tokens) => {
        const tracked = this.#tracked.get(id);
        if (tracked === undefined) return;
        await this.#d.save(tracked.serviceId, id, tokens);
      },
    });
    const l = this.#d.listener;
    scheduler.onRefreshed((id) => l.refreshed(id));
    scheduler.onLoginRequired((id, error) => {
      const tracked = this.#tracked.get(id);
      if (tracked?.accessToken !== undefined) this.#refused.set(id, tracked.accessToken);
      this.#tracked.delete(id);
      l.loginRequired(id, tracked?.serviceId, error);
    });
    scheduler.onWillExpire((id, expiresAt) => l.willExpire(id, this.serviceOf(id), expiresAt));
    scheduler.onError((id, error) => l.failed(id, error));
    scheduler.start();
    this.#scheduler = scheduler;
    this.#tracked.clear();
    await this.resync();
  }

  /** Before a lock: waits for refreshes on the wire (their rotated tokens are saved), forgets all. */
  async stop(): Promise<void> {
    const scheduler = this.#scheduler;
    this.#scheduler = null;
    // Cleared after the wait: a refresh on the wire needs its credential's service to be saved.
    if (scheduler) await scheduler.stop();
    this.#tracked.clear();
    this.#refused.clear();
  }

  /** New tokens from a sign-in or a manual refresh: watched from now on, refused no more. */
  track(serviceId: string, credentialId: string, config: OAuth2Config): void {
    const scheduler = this.#scheduler;
    if (!scheduler) return;
    this.#refused.delete(credentialId);
    this.#tracked.set(credentialId, {
      serviceId,
      signature: JSON.stringify(config),
      accessToken: config.tokens?.accessToken,
    });
    scheduler.track(credentialId, config);
  }

  untrack(credentialId: string): void {
    this.#tracked.delete(credentialId);
    this.#scheduler?.untrack(credentialId);
  }

  /** Brings the scheduler in line with the vault: new, edited and deleted oauth2 credentials. */
  async resync(): Promise<void> {
    if (!this.#scheduler) return;
    try {
      const store = this.#d.store();
      const seen = new Set<string>();
      for (const summary of store.summaries()) {
        if (!summary.credentials.some((c) => c.kind === 'oauth2')) continue;
        const body = await store.body(summary.id);
        for (const c of body.credentials) {
          if (c.kind !== 'oauth2') continue;
          seen.add(c.id);
          if (!c.fields.tokens) {
            if (this.#tracked.has(c.id)) this.untrack(c.id);
            continue;
          }
          const signature = JSON.stringify(c.fields);
          if (this.#tracked.get(c.id)?.signature === signature) continue;
          if (this.#refused.get(c.id) === c.fields.tokens.accessToken) continue;
          this.track(summary.id, c.id, c.fields);
        }
      }
      for (const id of [...this.#tracked.keys()]) if (!seen.has(id)) this.untrack(id);
    } catch {
      // Locked meanwhile: the next unlock tracks everything again.
    }
  }

  async #refresh(id: string, tracked: OAuth2Config): Promise<TokenSet> {
    // Another part of the app (the request tester, a manual refresh) may have refreshed
    // meanwhile: with a rotating server the tracked refresh token is dead by now, so the
    // stored set wins, and if it is still fresh nothing is asked of the server.
    const config = (await this.#stored(id)) ?? tracked;
    const stored = config.tokens;
    if (
      stored !== undefined &&
      stored.accessToken !== tracked.tokens?.accessToken &&
      !needsRefresh(stored, this.#d.clock.now(), this.#d.rule)
    ) {
      return stored;
    }
    return this.#d.refresh(id, config);
  }

  async #stored(credentialId: string): Promise<OAuth2Config | null> {
    const serviceId = this.serviceOf(credentialId);
    if (serviceId === undefined) return null;
    try {
      const { credential } = await this.#d.store().credential(serviceId, credentialId);
      return credential.kind === 'oauth2' ? credential.fields : null;
    } catch {
      return null;
    }
  }
}
