/**
 * The app's OAuth side: sign-in flows (one at a time per credential, cancellable), the request
 * log of each credential's last flow, the RefreshScheduler that runs while the vault is
 * unlocked, and the background RevocationQueue fed by sign-out and by deleted credentials.
 *
 * Background work reads and writes the vault without counting as user activity (a refresh
 * every hour must not keep the vault from auto-locking): it asks Credentials for `background`
 * access.
 */
import type { ServiceStore } from '../../core/credentials/service-store';
import type { Credential, FieldsOf, TokenSet } from '../../core/model/credential';
import { isLatchError, LatchError } from '../../core/model/errors';
import {
  authorize,
  authorizeImplicit,
  clientCredentials,
  DiscoveryCache,
  FlowRequestLog,
  needsRefresh,
  type OAuth2Config,
  type OAuthEnv,
  type QueuedRevocation,
  REFRESH_RULE,
  type RefreshRule,
  RefreshScheduler,
  RevocationQueue,
  refreshTokens,
  revoke,
  startDeviceAuthorization,
  type Timers,
  type TokenTypeHint,
  tokenStatus,
} from '../../core/oauth';
import type { BrowserOpener, Clock } from '../../core/platform';
import type { VaultSession } from '../../core/vault/session';
import type { JsonValue } from '../../core/vault/types';
import type { Credentials } from '../credentials/credentials';
import type { AppEvents } from '../events';
import { createOAuthClient, type NewOAuthClient } from './new-client';
import type { DeviceCodeInfo, FlowLog, OAuthNotice, OAuthTokenInfo } from './oauth-types';

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
}

interface RevocationJob {
  config: OAuth2Config;
  token: string;
  hint: TokenTypeHint;
  credentialId: string;
}

interface RunningFlow {
  controller: AbortController;
  serviceId: string;
}

interface Tracked {
  serviceId: string;
  /** The config the scheduler was given, as text, to see whether an edit changed it. */
  signature: string;
  accessToken: string | undefined;
}

const MAX_LOGS = 200;
/** The pending revocations (tokens, client secrets) live in the encrypted vault, never in settings. */
const REVOCATIONS_RECORD = 'oauth_revocations';

function canRevoke(config: OAuth2Config): boolean {
  // GitHub has no RFC 7009 endpoint; without an issuer there is no discovery to find one.
  return config.provider !== 'github' && (config.issuer !== undefined || config.revocationEndpoint !== undefined);
}

function errorPayload(e: unknown): { code: string; message: string } {
  if (isLatchError(e)) return { code: e.code, message: e.message };
  return { code: 'ERR_INTERNAL', message: 'The flow failed unexpectedly.' };
}

export class OAuthService {
  readonly #d: OAuthServiceDeps & { rule: RefreshRule };
  readonly #discovery = new DiscoveryCache();
  readonly #flows = new Map<string, RunningFlow>();
  readonly #logs = new Map<string, FlowLog>();
  readonly #devices = new Map<string, DeviceCodeInfo>();
  readonly #tracked = new Map<string, Tracked>();
  readonly #lastError = new Map<string, string>();
  /** Credentials whose refresh token was refused, by the access token they had then. */
  readonly #refused = new Map<string, string>();
  readonly #queue: RevocationQueue<RevocationJob>;
  #queueTimer: ReturnType<typeof setTimeout> | null = null;
  #persisting: Promise<void> = Promise.resolve();
  #scheduler: RefreshScheduler | null = null;

  constructor(deps: OAuthServiceDeps) {
    this.#d = { ...deps, rule: deps.rule ?? REFRESH_RULE };
    this.#queue = new RevocationQueue<RevocationJob>({
      clock: deps.clock,
      revoke: (job) => {
        const log = this.#beginLog(job.credentialId, 'revocation');
        return revoke(job.config, job.token, job.hint, this.#env(log)).then(
          (r) => {
            this.#endLog(job.credentialId, log, r.status === 'revoked' ? 'ok' : 'failed', null);
            return r;
          },
          (e: unknown) => {
            this.#endLog(job.credentialId, log, 'failed', e);
            throw e;
          },
        );
      },
      onChange: (items) => this.#persistQueue(items),
    });
    deps.session.on((e) => {
      // A listener cannot await: a failure here must end here, not as an unhandled rejection.
      if (e.type === 'unlocked') this.#startScheduler().catch(() => undefined);
    });
    // The scheduler must have saved a rotated refresh token before the vault key goes.
    deps.session.beforeLock(() => this.#stopScheduler());
    // Edits (new client secret, tokens cleared by hand, a deleted credential) re-track.
    deps.events.on('credentials.changed', () => {
      this.#resync().catch(() => undefined);
    });
    deps.credentials.onDeleted((credentials) => this.#afterDeleted(credentials));
  }

  /** A service with one oauth2 credential, from a preset or a custom issuer. */
  createClient(input: NewOAuthClient): Promise<{ serviceId: string; credentialId: string }> {
    return createOAuthClient(this.#d.credentials, input);
  }

  // ---- reading ----

  async tokens(): Promise<OAuthTokenInfo[]> {
    const store = this.#store();
    const out: OAuthTokenInfo[] = [];
    for (const summary of store.summaries()) {
      if (!summary.credentials.some((c) => c.kind === 'oauth2')) continue;
      const body = await store.body(summary.id);
      for (const c of body.credentials) {
        if (c.kind !== 'oauth2') continue;
        out.push(this.#info(summary.id, body.name, c));
      }
    }
    return out;
  }

  log(credentialId: string): FlowLog | null {
    const log = this.#logs.get(credentialId);
    return log ? { ...log, entries: [...log.entries] } : null;
  }

  pendingDevices(): DeviceCodeInfo[] {
    return [...this.#devices.values()];
  }

  // ---- flows ----

  async signIn(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const config = await this.#config(serviceId, credentialId);
    this.cancel(credentialId);
    const controller = new AbortController();
    const flow: RunningFlow = { controller, serviceId };
    this.#flows.set(credentialId, flow);
    const log = this.#beginLog(credentialId, config.grant);
    this.#changed();
    try {
      const env = { ...this.#env(log), signal: controller.signal };
      const signedOut: OAuth2Config = { ...config };
      delete signedOut.tokens;
      let tokens: TokenSet;
      switch (config.grant) {
        case 'authorization_code':
          tokens = await authorize(signedOut, {
            ...env,
            opener: this.#d.opener,
            onStage: (stage) => this.#d.events.emit('oauth.progress', { credentialId, stage }),
          });
          break;
        case 'implicit':
          tokens = await authorizeImplicit(signedOut, { ...env, opener: this.#d.opener });
          break;
        case 'client_credentials':
          tokens = await clientCredentials(signedOut, env);
          break;
        case 'device_code': {
          const device = await startDeviceAuthorization(signedOut, env);
          const info: DeviceCodeInfo = {
            serviceId,
            credentialId,
            userCode: device.userCode,
            verificationUri: device.verificationUri,
            verificationUriComplete: device.verificationUriComplete ?? null,
            expiresAt: device.expiresAt,
          };
          this.#devices.set(credentialId, info);
          this.#d.events.emit('oauth.device', info);
          try {
            tokens = await device.poll();
          } finally {
            this.#devices.delete(credentialId);
          }
          break;
        }
      }
      await this.#d.credentials.setTokens(serviceId, credentialId, tokens, { background: true });
      this.#lastError.delete(credentialId);
      this.#track(serviceId, credentialId, { ...config, tokens });
      this.#endLog(credentialId, log, 'ok', null);
      return await this.#infoOf(serviceId, credentialId);
    } catch (e) {
      this.#endLog(credentialId, log, isLatchError(e) && e.code === 'ERR_CANCELLED' ? 'cancelled' : 'failed', e);
      throw e;
    } finally {
      if (this.#flows.get(credentialId) === flow) this.#flows.delete(credentialId);
      this.#changed();
    }
  }

  cancel(credentialId?: string): void {
    for (const [id, flow] of [...this.#flows]) {
      if (credentialId !== undefined && id !== credentialId) continue;
      flow.controller.abort();
      this.#flows.delete(id);
    }
  }

  async refresh(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const config = await this.#config(serviceId, credentialId);
    const log = this.#beginLog(credentialId, 'refresh');
    try {
      const tokens = await this.#refreshOnce(config, log);
      await this.#d.credentials.setTokens(serviceId, credentialId, tokens, { background: true });
      this.#lastError.delete(credentialId);
      this.#track(serviceId, credentialId, { ...config, tokens });
      this.#endLog(credentialId, log, 'ok', null);
      this.#changed();
      return await this.#infoOf(serviceId, credentialId);
    } catch (e) {
      this.#endLog(credentialId, log, 'failed', e);
      if (isLatchError(e) && e.code === 'ERR_OAUTH_LOGIN_REQUIRED') this.#lastError.set(credentialId, e.message);
      this.#changed();
      throw e;
    }
  }

  /** Clears the tokens now; the server hears about it from the background queue. */
  async signOut(serviceId: string, credentialId: string): Promise<'queued' | 'unsupported' | 'nothing'> {
    const located = await this.#d.credentials.credential(serviceId, credentialId);
    const credential = this.#oauth2(located.credential);
    this.cancel(credentialId);
    this.#untrack(credentialId);
    await this.#d.credentials.setTokens(serviceId, credentialId, undefined);
    this.#lastError.delete(credentialId);
    const outcome = this.#enqueueRevocation(credentialId, credential.fields);
    this.#changed();
    return outcome;
  }

  /** Deleted credentials: their tokens are revoked in the background; the delete never waits. */
  #afterDeleted(credentials: Credential[]): void {
    for (const c of credentials) {
      if (c.kind !== 'oauth2') continue;
      this.cancel(c.id);
      this.#untrack(c.id);
      this.#logs.delete(c.id);
      this.#lastError.delete(c.id);
      this.#enqueueRevocation(c.id, c.fields);
    }
    this.#changed();
  }

  /** Jobs waiting to be retried (for tests and diagnostics). */
  get pendingRevocations(): number {
    return this.#queue.size;
  }

  // ---- internals ----

  #env(log: FlowRequestLog): OAuthEnv & { discoveryCache: DiscoveryCache } {
    return { clock: this.#d.clock, log, discoveryCache: this.#discovery };
  }

  #store(): ServiceStore {
    return this.#d.credentials.store({ background: true });
  }

  #oauth2(c: Credential): Extract<Credential, { kind: 'oauth2' }> {
    if (c.kind !== 'oauth2')
      throw new LatchError('ERR_BAD_INPUT', 'That credential is not an OAuth 2.0 credential.', {
        detail: { field: 'kind' },
      });
    return c;
  }

  async #config(serviceId: string, credentialId: string): Promise<OAuth2Config> {
    // A user action: counts as activity for auto-lock.
    const located = await this.#d.credentials.credential(serviceId, credentialId);
    return this.#oauth2(located.credential).fields;
  }

  #refreshOnce(config: OAuth2Config, log: FlowRequestLog): Promise<TokenSet> {
    // Client credentials tokens are renewed by asking again.
    if (config.grant === 'client_credentials') return clientCredentials(config, this.#env(log));
    return refreshTokens(config, this.#env(log));
  }

  #beginLog(credentialId: string, flow: string): FlowRequestLog {
    const log = new FlowRequestLog();
    const record: FlowLog = {
      flow,
      startedAt: this.#d.clock.now(),
      finishedAt: null,
      outcome: 'running',
      error: null,
      entries: [],
    };
    this.#logs.set(credentialId, record);
    log.onEntry((entry) => {
      if (record.entries.length < MAX_LOGS) record.entries.push({ ...entry });
    });
    return log;
  }

  #endLog(credentialId: string, log: FlowRequestLog, outcome: FlowLog['outcome'], error: unknown): void {
    const record = this.#logs.get(credentialId);
    if (!record) return;
    // Entries the hook may have missed (recorded before the listener existed) are taken too.
    if (record.entries.length === 0 && log.entries.length > 0) record.entries = log.entries.slice(0, MAX_LOGS);
    record.finishedAt = this.#d.clock.now();
    record.outcome = outcome;
    record.error = error === null ? null : errorPayload(error);
  }

  #enqueueRevocation(credentialId: string, config: FieldsOf<'oauth2'>): 'queued' | 'unsupported' | 'nothing' {
    const tokens = config.tokens;
    if (!tokens) return 'nothing';
    if (!canRevoke(config)) return 'unsupported';
    const { tokens: _t, ...bare } = config;
    // The refresh token first: revoking it usually ends the whole grant (RFC 7009 §2.1).
    if (tokens.refreshToken)
      this.#queue.enqueue({ config: bare, token: tokens.refreshToken, hint: 'refresh_token', credentialId });
    this.#queue.enqueue({ config: bare, token: tokens.accessToken, hint: 'access_token', credentialId });
    this.#pumpQueue();
    return 'queued';
  }

  /** Saves the queue into the vault after each change; while locked the record keeps the last state. */
  #persistQueue(items: QueuedRevocation<RevocationJob>[]): void {
    const v = this.#d.session.current;
    if (v === null) return;
    const body = JSON.parse(JSON.stringify({ v: 1, items })) as JsonValue;
    this.#persisting = this.#persisting
      .then(async () => {
        if (this.#d.session.current !== v) return;
        if (items.length === 0) {
          if (v.deleteRecord(REVOCATIONS_RECORD)) await v.save();
        } else {
          v.putRecord(REVOCATIONS_RECORD, { pending: items.length }, body);
          await v.save();
        }
      })
      .catch(() => undefined);
  }

  async #restoreQueue(): Promise<void> {
    const v = this.#d.session.current;
    if (v === null || !v.entries().has(REVOCATIONS_RECORD)) return;
    try {
      const body = (await v.readRecord(REVOCATIONS_RECORD)) as { items?: unknown };
      if (Array.isArray(body.items)) this.#queue.restore(body.items as QueuedRevocation<RevocationJob>[]);
    } catch {
      // A damaged record only means some tokens expire on their own instead of being revoked.
    }
  }

  #pumpQueue(): void {
    if (this.#queueTimer !== null) clearTimeout(this.#queueTimer);
    this.#queueTimer = null;
    void this.#queue
      .runDue()
      .catch(() => [])
      .then(() => {
        const next = this.#queue.nextDueAt();
        if (next === undefined) return;
        const wait = Math.max(1000, next - this.#d.clock.now());
        this.#queueTimer = setTimeout(() => this.#pumpQueue(), Math.min(wait, 2 ** 31 - 1));
        this.#queueTimer.unref?.();
      });
  }

  #track(serviceId: string, credentialId: string, config: OAuth2Config): void {
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

  #untrack(credentialId: string): void {
    this.#tracked.delete(credentialId);
    this.#scheduler?.untrack(credentialId);
  }

  async #startScheduler(): Promise<void> {
    if (this.#scheduler) await this.#stopScheduler();
    const scheduler = new RefreshScheduler({
      clock: this.#d.clock,
      rule: this.#d.rule,
      ...(this.#d.timers ? { timers: this.#d.timers } : {}),
      refresh: async (id, tracked) => {
        // Another part of the app (the request tester, a manual refresh) may have refreshed
        // meanwhile: with a rotating server the tracked refresh token is dead by now, so the
        // stored set wins, and if it is still fresh nothing is asked of the server.
        const config = (await this.#storedConfig(id)) ?? tracked;
        const stored = config.tokens;
        if (
          stored !== undefined &&
          stored.accessToken !== tracked.tokens?.accessToken &&
          !needsRefresh(stored, this.#d.clock.now(), this.#d.rule)
        ) {
          return stored;
        }
        const log = this.#beginLog(id, 'refresh');
        return this.#refreshOnce(config, log).then(
          (t) => {
            this.#endLog(id, log, 'ok', null);
            return t;
          },
          (e: unknown) => {
            this.#endLog(id, log, 'failed', e);
            throw e;
          },
        );
      },
      save: async (id, tokens) => {
        const tracked = this.#tracked.get(id);
        if (tracked === undefined) return;
        await this.#d.credentials.setTokens(tracked.serviceId, id, tokens, { background: true });
      },
    });
    scheduler.onRefreshed((id) => {
      this.#lastError.delete(id);
      this.#changed();
    });
    scheduler.onLoginRequired((id, error) => {
      const tracked = this.#tracked.get(id);
      if (tracked?.accessToken !== undefined) this.#refused.set(id, tracked.accessToken);
      this.#tracked.delete(id);
      this.#lastError.set(id, error.message);
      this.#names(id)
        .then((n) => {
          if (!n) return;
          this.#d.events.emit('oauth.loginRequired', { serviceId: n.serviceId, credentialId: id, name: n.credential });
          this.#d.notice({ type: 'refresh-failed', service: n.service, credential: n.credential, loginRequired: true });
        })
        .catch(() => undefined);
      this.#changed();
    });
    scheduler.onWillExpire((id, expiresAt) => {
      this.#names(id)
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
      this.#changed();
    });
    scheduler.onError((id, error) => {
      this.#lastError.set(id, error.message);
      this.#changed();
    });
    scheduler.start();
    this.#scheduler = scheduler;
    this.#tracked.clear();
    await this.#resync();
    await this.#restoreQueue();
    this.#pumpQueue();
  }

  async #stopScheduler(): Promise<void> {
    const scheduler = this.#scheduler;
    this.#scheduler = null;
    this.cancel();
    this.#devices.clear();
    this.#tracked.clear();
    if (scheduler) await scheduler.stop();
    // Pending revocations hold tokens: they wait in the vault, not in memory, until the next unlock.
    await this.#persisting;
    if (this.#queueTimer !== null) clearTimeout(this.#queueTimer);
    this.#queueTimer = null;
    this.#queue.restore([]);
    this.#lastError.clear();
    this.#refused.clear();
    this.#changed();
  }

  /** Brings the scheduler in line with the vault: new, edited and deleted oauth2 credentials. */
  async #resync(): Promise<void> {
    if (!this.#scheduler || this.#d.session.current === null) return;
    try {
      const store = this.#store();
      const seen = new Set<string>();
      for (const summary of store.summaries()) {
        if (!summary.credentials.some((c) => c.kind === 'oauth2')) continue;
        const body = await store.body(summary.id);
        for (const c of body.credentials) {
          if (c.kind !== 'oauth2') continue;
          seen.add(c.id);
          if (!c.fields.tokens) {
            if (this.#tracked.has(c.id)) this.#untrack(c.id);
            continue;
          }
          const signature = JSON.stringify(c.fields);
          if (this.#tracked.get(c.id)?.signature === signature) continue;
          // A refresh token the server refused stays refused until a new sign-in replaces it.
          if (this.#refused.get(c.id) === c.fields.tokens.accessToken) continue;
          this.#track(summary.id, c.id, c.fields);
        }
      }
      for (const id of [...this.#tracked.keys()]) if (!seen.has(id)) this.#untrack(id);
    } catch {
      // Locked meanwhile: the next unlock tracks everything again.
    }
  }

  async #storedConfig(credentialId: string): Promise<OAuth2Config | null> {
    const serviceId = this.#tracked.get(credentialId)?.serviceId;
    if (serviceId === undefined) return null;
    try {
      const { credential } = await this.#store().credential(serviceId, credentialId);
      return credential.kind === 'oauth2' ? credential.fields : null;
    } catch {
      return null;
    }
  }

  async #names(credentialId: string): Promise<{ serviceId: string; service: string; credential: string } | null> {
    const serviceId = this.#tracked.get(credentialId)?.serviceId ?? this.#serviceOf(credentialId);
    if (serviceId === undefined) return null;
    try {
      const store = this.#store();
      const { service, credential } = await store.credential(serviceId, credentialId);
      return { serviceId, service: service.name, credential: credential.name };
    } catch {
      return null;
    }
  }

  #serviceOf(credentialId: string): string | undefined {
    try {
      for (const s of this.#store().summaries()) if (s.credentials.some((c) => c.id === credentialId)) return s.id;
    } catch {
      return undefined;
    }
    return undefined;
  }

  async #infoOf(serviceId: string, credentialId: string): Promise<OAuthTokenInfo> {
    const { service, credential } = await this.#store().credential(serviceId, credentialId);
    return this.#info(serviceId, service.name, this.#oauth2(credential));
  }

  #info(serviceId: string, serviceName: string, c: Extract<Credential, { kind: 'oauth2' }>): OAuthTokenInfo {
    const f = c.fields;
    const t = f.tokens;
    let server: string | null = f.issuer ?? null;
    if (server === null && f.tokenEndpoint) {
      try {
        server = new URL(f.tokenEndpoint).origin;
      } catch {
        server = null;
      }
    }
    return {
      serviceId,
      serviceName,
      credentialId: c.id,
      name: c.name,
      provider: f.provider,
      grant: f.grant,
      server,
      scopes: t?.scope ?? f.scopes,
      // The badge's 'expiring' means within 5 minutes, whatever the refresh margin is.
      status: t ? tokenStatus(t, this.#d.clock.now()) : 'signed-out',
      expiresAt: t?.expiresAt ?? null,
      obtainedAt: t?.obtainedAt ?? null,
      hasRefreshToken: t?.refreshToken !== undefined,
      hasIdToken: t?.idToken !== undefined,
      busy: this.#flows.has(c.id),
      autoRefresh: this.#scheduler?.has(c.id) ?? false,
      lastError: this.#lastError.get(c.id) ?? null,
    };
  }

  #changed(): void {
    this.#d.events.emit('oauth.changed', {});
  }
}
