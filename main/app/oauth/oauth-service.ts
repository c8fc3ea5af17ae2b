/**
 * The app's OAuth side as one service: the facade over the sign-in flows (sign-in-flows.ts), the
 * refresh tracker that runs while the vault is unlocked (refresh-tracker.ts), the background
 * revocations of signed-out and deleted credentials (revocations.ts) and the flow logs
 * (flow-logs.ts). It saves what they obtain, keeps each credential's last error, and tells the
 * renderer (events) and the user (notices).
 *
 * Background work reads and writes the vault without counting as user activity (a refresh
 * every hour must not keep the vault from auto-locking): it asks Credentials for `background`
 * access.
 */
import type { ServiceStore } from '../../core/credentials/service-store';
import type { Credential, TokenSet } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import {
  clientCredentials,
  DiscoveryCache,
  type FlowRequestLog,
  needsRefresh,
  type OAuth2Config,
  REFRESH_RULE,
  type RefreshRule,
  type ResolveOptions,
  refreshTokens,
  revoke,
  type Timers,
} from '../../core/oauth';
import type { BrowserOpener, Clock } from '../../core/platform';
import type { RenewalLock } from '../../core/vault/renewal-lock';
import type { VaultSession } from '../../core/vault/session';
import type { Credentials } from '../credentials/credentials';
import type { AppEvents } from '../events';
import { type Reload, saveRenewed } from '../secrets/renewed-save';
import { FlowLogs } from './flow-logs';
import { createOAuthClient, type NewOAuthClient } from './new-client';
import type { DeviceCodeInfo, FlowLog, OAuthNotice, OAuthRedirectInfo, OAuthTokenInfo } from './oauth-types';
import { redirectInfo } from './redirect-info';
import { RefreshTracker } from './refresh-tracker';
import { type RevocationOutcome, Revocations } from './revocations';
import { SignInFlows } from './sign-in-flows';
import { type OAuth2Credential, tokenInfo } from './token-info';

export interface OAuthServiceDeps {
  session: VaultSession;
  credentials: Credentials;
  events: AppEvents;
  clock: Clock;
  opener: BrowserOpener;
  /** Tells the user about a token that will expire or must be signed in again. */
  notice: (notice: OAuthNotice) => void;
  /** When tokens are refreshed (and "will expire" is told); default REFRESH_RULE. */
  rule?: RefreshRule;
  timers?: Timers;
  /** How long a browser sign-in waits before it says what it waits for; default SIGN_IN_PATIENCE_MS. */
  patienceMs?: number;
  /**
   * The renewal lock shared with other processes on the vault (core/vault/renewal-lock.ts), taken by the
   * background refresh, and how to re-read the vault once it is held.
   */
  lock?: RenewalLock;
  reload?: Reload;
}

function asOAuth2(c: Credential): OAuth2Credential {
  if (c.kind !== 'oauth2')
    throw new LatchError('ERR_BAD_INPUT', 'That credential is not an OAuth 2.0 credential.', {
      detail: { field: 'kind' },
    });
  return c;
}

export class OAuthService {
  readonly #d: OAuthServiceDeps;
  readonly #discovery = new DiscoveryCache();
  readonly #logs: FlowLogs;
  readonly #flows: SignInFlows;
  readonly #tracker: RefreshTracker;
  readonly #revocations: Revocations;
  readonly #lastError = new Map<string, string>();

  constructor(deps: OAuthServiceDeps) {
    this.#d = deps;
    this.#logs = new FlowLogs(deps.clock);
    this.#flows = new SignInFlows({
      opener: deps.opener,
      events: deps.events,
      ...(deps.patienceMs !== undefined ? { patienceMs: deps.patienceMs } : {}),
    });
    this.#revocations = new Revocations({
      session: deps.session,
      clock: deps.clock,
      revoke: (job) =>
        this.#logs.run(
          job.credentialId,
          'revocation',
          (log) => revoke(job.config, job.token, job.hint, this.#env(log)),
          (r) => (r.status === 'revoked' ? 'ok' : 'failed'),
        ),
    });
    this.#tracker = new RefreshTracker({
      clock: deps.clock,
      ...(deps.rule ? { rule: deps.rule } : {}),
      ...(deps.timers ? { timers: deps.timers } : {}),
      store: () => this.#store(),
      refresh: (id, config) => this.#backgroundRefresh(id, config),
      save: (serviceId, id, tokens) => this.#saveIfNew(serviceId, id, tokens),
      listener: {
        refreshed: (id) => {
          this.#lastError.delete(id);
          this.#changed();
        },
        loginRequired: (id, serviceId, error) => {
          this.#lastError.set(id, error.message);
          this.#tellLoginRequired(id, serviceId);
          this.#changed();
        },
        willExpire: (id, serviceId, expiresAt) => {
          this.#tellWillExpire(id, serviceId, expiresAt);
          this.#changed();
        },
        failed: (id, error) => {
          this.#lastError.set(id, error.message);
          this.#changed();
        },
      },
    });
    deps.session.on((e) => {
      // A listener cannot await: a failure here must end here, not as an unhandled rejection.
      if (e.type === 'unlocked') this.#start().catch(() => undefined);
    });
    // The tracker must have saved a rotated refresh token before the vault key goes.
    deps.session.beforeLock(() => this.#stop());
    // Edits (new client secret, tokens cleared by hand, a deleted credential) re-track.
    deps.events.on('credentials.changed', () => {
      if (deps.session.current !== null) this.#tracker.resync().catch(() => undefined);
    });
    deps.credentials.onDeleted((credentials) => this.#afterDeleted(credentials));
  }

  /** A service with one oauth2 credential, from a preset or a custom issuer. */
  createClient(input: NewOAuthClient): Promise<{ serviceId: string; credentialId: string }> {
    return createOAuthClient(this.#d.credentials, input);
  }

  /** The redirect URI to register for a preset (or a hand-entered client) and how. */
  redirect(provider: string, redirectUri?: string): OAuthRedirectInfo {
    return redirectInfo(provider, redirectUri);
  }

  // ---- reading ----

  async tokens(): Promise<OAuthTokenInfo[]> {
    const store = this.#store();
    const out: OAuthTokenInfo[] = [];
    for (const summary of store.summaries()) {
      if (!summary.credentials.some((c) => c.kind === 'oauth2')) continue;
      const body = await store.body(summary.id);
      for (const c of body.credentials) {
        if (c.kind === 'oauth2') out.push(this.#info(summary.id, body.name, c));
      }
    }
    return out;
  }

  /** The credential's last flows (KEPT_FLOWS), newest first, already redacted. */
  logs(credentialId: string): FlowLog[] {
    return this.#logs.recent(credentialId);
  }

  pendingDevices(): DeviceCodeInfo[] {
    return this.#flows.pendingDevices();
  }

  /** Jobs waiting to be retried (for tests and diagnostics). */
  get pendingRevocations(): number {
    return this.#revocations.pending;
  }

  // ---- user actions ----

  async signIn(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const config = await this.#config(serviceId, credentialId);
    // Started first so the screen shows the flow as busy from the start.
    const running = this.#logs.run(credentialId, config.grant, async (log) => {
      const tokens = await this.#flows.run(serviceId, credentialId, config, this.#env(log));
      await this.#save(serviceId, credentialId, tokens, { obtainedWith: config });
      this.#lastError.delete(credentialId);
      this.#tracker.track(serviceId, credentialId, { ...config, tokens });
    });
    this.#changed();
    try {
      await running;
      return await this.#infoOf(serviceId, credentialId);
    } finally {
      this.#changed();
    }
  }

  cancel(credentialId?: string): void {
    this.#flows.cancel(credentialId);
  }

  /**
   * The user's Refresh. It takes the renewal lock other Latch processes take (a tool renewing the
   * same credential at that moment holds it) and re-reads the vault once it is held, so the refresh
   * token it spends is the newest one, never one a tool has just spent (a rotating server would
   * revoke the grant).
   */
  async refresh(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    if (!this.#d.lock) return this.refreshHeld(serviceId, credentialId);
    const clicked = await this.#storedTokens(serviceId, credentialId);
    const release = await this.#d.lock(credentialId);
    try {
      await this.#d.reload?.();
      // A set renewed while the click waited for the lock (a tool, or this app's own scheduler for a token that
      // fell due) is what the click asked for: a second refresh at once would only spend another refresh token.
      const now = await this.#storedTokens(serviceId, credentialId);
      const renewedMeanwhile = now !== undefined && now.accessToken !== clicked?.accessToken;
      if (renewedMeanwhile && !needsRefresh(now, this.#d.clock.now(), this.#d.rule ?? REFRESH_RULE)) {
        this.#changed();
        return this.#infoOf(serviceId, credentialId);
      }
      return await this.refreshHeld(serviceId, credentialId);
    } finally {
      await release();
    }
  }

  async #storedTokens(serviceId: string, credentialId: string): Promise<TokenSet | undefined> {
    const { credential } = await this.#store().credential(serviceId, credentialId);
    return asOAuth2(credential).fields.tokens;
  }

  /**
   * A refresh for a caller that holds the renewal lock already (AccessTokens, which re-read the vault
   * under it): taking the lock again here would wait on itself.
   */
  async refreshHeld(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const config = await this.#config(serviceId, credentialId);
    try {
      await this.#logs.run(credentialId, 'refresh', async (log) => {
        const tokens = await this.#save(serviceId, credentialId, await this.#refreshOnce(config, log), {
          from: config.tokens,
          obtainedWith: config,
        });
        this.#lastError.delete(credentialId);
        this.#tracker.track(serviceId, credentialId, { ...config, tokens });
      });
    } catch (e) {
      if (e instanceof LatchError && e.code === 'ERR_OAUTH_LOGIN_REQUIRED')
        this.#lastError.set(credentialId, e.message);
      this.#changed();
      throw e;
    }
    this.#changed();
    return this.#infoOf(serviceId, credentialId);
  }

  /** Clears the tokens now; the server hears about it from the background queue. */
  async signOut(serviceId: string, credentialId: string): Promise<RevocationOutcome> {
    const located = await this.#d.credentials.credential(serviceId, credentialId);
    const credential = asOAuth2(located.credential);
    this.#flows.cancel(credentialId);
    this.#tracker.untrack(credentialId);
    await this.#d.credentials.setTokens(serviceId, credentialId, undefined);
    this.#lastError.delete(credentialId);
    const outcome = this.#revocations.enqueue(credentialId, credential.fields);
    this.#changed();
    return outcome;
  }

  // ---- internals ----

  /** Deleted credentials: their tokens are revoked in the background; the delete never waits. */
  #afterDeleted(credentials: Credential[]): void {
    for (const c of credentials) {
      if (c.kind !== 'oauth2') continue;
      this.#flows.cancel(c.id);
      this.#tracker.untrack(c.id);
      this.#logs.forget(c.id);
      this.#lastError.delete(c.id);
      this.#revocations.enqueue(c.id, c.fields);
    }
    this.#changed();
  }

  async #start(): Promise<void> {
    await this.#tracker.start();
    await this.#revocations.resume();
  }

  async #stop(): Promise<void> {
    this.#flows.stopAll();
    await this.#tracker.stop();
    await this.#revocations.suspend();
    this.#lastError.clear();
    this.#changed();
  }

  #env(log: FlowRequestLog): ResolveOptions {
    return { clock: this.#d.clock, log, discoveryCache: this.#discovery };
  }

  #store(): ServiceStore {
    return this.#d.credentials.store({ background: true });
  }

  /**
   * The scheduler's refresh, under the renewal lock other Latch processes take too: once it is held the
   * vault is re-read, and a set another process saved meanwhile is used instead of spending the refresh
   * token again (a rotating server would revoke the grant). The new set is saved before the lock goes.
   */
  async #backgroundRefresh(id: string, tracked: OAuth2Config): Promise<TokenSet> {
    const serviceId = this.#tracker.serviceOf(id);
    const once = (config: OAuth2Config) => this.#logs.run(id, 'refresh', (log) => this.#refreshOnce(config, log));
    if (!this.#d.lock || serviceId === undefined) return once(tracked);
    const release = await this.#d.lock(id);
    try {
      await this.#d.reload?.();
      const { credential } = await this.#store().credential(serviceId, id);
      const config = asOAuth2(credential).fields;
      const stored = config.tokens;
      const renewedElsewhere = stored !== undefined && stored.accessToken !== tracked.tokens?.accessToken;
      if (renewedElsewhere && !needsRefresh(stored, this.#d.clock.now(), this.#d.rule ?? REFRESH_RULE)) return stored;
      return await this.#save(serviceId, id, await once(config), { from: stored, obtainedWith: config });
    } finally {
      await release();
    }
  }

  /** The scheduler saves what its refresh returned: already saved when that ran under the lock. */
  async #saveIfNew(serviceId: string, credentialId: string, tokens: TokenSet): Promise<void> {
    const { credential } = await this.#store().credential(serviceId, credentialId);
    const stored = asOAuth2(credential).fields.tokens;
    if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(tokens)) return;
    await this.#save(serviceId, credentialId, tokens);
  }

  /**
   * A set from a sign-in or a refresh; a save that loses the race to another process is made again (renewed-save.ts),
   * unless a refresh's `from` was replaced meanwhile (its lock broken as stale): resolves to the set in effect.
   * `obtainedWith`: the fields the flow used; a set got from endpoints the credential no longer names is not saved.
   */
  #save(
    serviceId: string,
    credentialId: string,
    tokens: TokenSet,
    guard: { from?: TokenSet | undefined; obtainedWith?: OAuth2Config } = {},
  ): Promise<TokenSet> {
    return saveRenewed(this.#d.credentials, this.#d.reload, serviceId, credentialId, tokens, {
      background: true,
      ...guard,
    });
  }

  async #config(serviceId: string, credentialId: string): Promise<OAuth2Config> {
    // A user action: counts as activity for auto-lock.
    const located = await this.#d.credentials.credential(serviceId, credentialId);
    return asOAuth2(located.credential).fields;
  }

  #refreshOnce(config: OAuth2Config, log: FlowRequestLog): Promise<TokenSet> {
    // Client credentials tokens are renewed by asking again.
    if (config.grant === 'client_credentials') return clientCredentials(config, this.#env(log));
    return refreshTokens(config, this.#env(log));
  }

  #tellLoginRequired(credentialId: string, serviceId: string | undefined): void {
    this.#names(credentialId, serviceId)
      .then((n) => {
        if (!n) return;
        this.#d.events.emit('oauth.loginRequired', {
          serviceId: n.serviceId,
          credentialId,
          name: n.credential,
        });
        this.#d.notice({ type: 'refresh-failed', service: n.service, credential: n.credential, loginRequired: true });
      })
      .catch(() => undefined);
  }

  #tellWillExpire(credentialId: string, serviceId: string | undefined, expiresAt: number): void {
    this.#names(credentialId, serviceId)
      .then((n) => {
        if (!n) return;
        this.#d.notice({
          type: 'token-will-expire',
          service: n.service,
          credential: n.credential,
          expiresAt,
          now: this.#d.clock.now(),
        });
      })
      .catch(() => undefined);
  }

  async #names(
    credentialId: string,
    known: string | undefined,
  ): Promise<{ serviceId: string; service: string; credential: string } | null> {
    try {
      const store = this.#store();
      const serviceId = known ?? store.summaries().find((s) => s.credentials.some((c) => c.id === credentialId))?.id;
      if (serviceId === undefined) return null;
      const { service, credential } = await store.credential(serviceId, credentialId);
      return { serviceId, service: service.name, credential: credential.name };
    } catch {
      return null;
    }
  }

  async #infoOf(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const { service, credential } = await this.#store().credential(serviceId, credentialId);
    return this.#info(serviceId, service.name, asOAuth2(credential));
  }

  #info(serviceId: string, serviceName: string, c: OAuth2Credential): OAuthTokenInfo {
    return tokenInfo(serviceId, serviceName, c, this.#d.clock.now(), {
      busy: this.#flows.isRunning(c.id),
      waitingFor: this.#flows.waitingFor(c.id),
      autoRefresh: this.#tracker.has(c.id),
      lastError: this.#lastError.get(c.id) ?? null,
    });
  }

  #changed(): void {
    this.#d.events.emit('oauth.changed', {});
  }
}
