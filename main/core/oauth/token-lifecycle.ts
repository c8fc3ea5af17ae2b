/**
 * Token lifecycle: a pure status function for the UI, and a scheduler that keeps tokens fresh
 * while the vault is unlocked.
 *
 * The scheduler holds credentials (with secrets) in memory only between start (unlock) and
 * stop() (lock): stop() drops everything. Tokens with a refresh token are refreshed `marginMs`
 * before they expire and the new set (with a rotated refresh token) goes to the injected save
 * callback before anything else, because once rotated the old refresh token is dead. invalid_grant
 * turns into a "login required" event; tokens without a refresh token get one "will expire" event
 * at that same moment. Clock and timers are injected so tests run on a fake clock.
 */
import type { TokenSet } from '../model/credential';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import type { OAuth2Config } from './oauth-context';
import { REFRESH_RULE, type RefreshRule, refreshDueAt } from './refresh-rule';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const t = setTimeout(callback, ms);
    // A pending refresh must not keep the CLI process alive.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout's ceiling (~24.8 days); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RefreshSchedulerOptions {
  clock: Clock;
  timers?: Timers;
  /** When a token is due (refreshed, or warned about); default REFRESH_RULE. */
  rule?: RefreshRule;
  /** Wait after a failed refresh that is not invalid_grant (network down...); default 1 minute. */
  retryMs?: number;
  /**
   * Performs the refresh, e.g. (id, config) => config.grant === 'client_credentials'
   *   ? clientCredentials(config, env) : refreshTokens(config, env).
   */
  refresh: (credentialId: string, config: OAuth2Config) => Promise<TokenSet>;
  /** Persists the new tokens (rotated refresh token included). Awaited before the next schedule. */
  save: (credentialId: string, tokens: TokenSet) => Promise<void>;
}

type Unsubscribe = () => void;

interface Tracked {
  config: OAuth2Config;
  timer?: unknown;
  warned: boolean;
}

export class RefreshScheduler {
  readonly #o: RefreshSchedulerOptions & { timers: Timers; rule: RefreshRule; retryMs: number };
  readonly #tracked = new Map<string, Tracked>();
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;
  readonly #refreshed = new Set<(id: string, tokens: TokenSet) => void>();
  readonly #loginRequired = new Set<(id: string, error: LatchError) => void>();
  readonly #willExpire = new Set<(id: string, expiresAt: number) => void>();
  readonly #errors = new Set<(id: string, error: LatchError) => void>();

  constructor(options: RefreshSchedulerOptions) {
    this.#o = { timers: systemTimers, rule: REFRESH_RULE, retryMs: 60_000, ...options };
  }

  onRefreshed(cb: (credentialId: string, tokens: TokenSet) => void): Unsubscribe {
    return this.#subscribe(this.#refreshed, cb);
  }
  onLoginRequired(cb: (credentialId: string, error: LatchError) => void): Unsubscribe {
    return this.#subscribe(this.#loginRequired, cb);
  }
  onWillExpire(cb: (credentialId: string, expiresAt: number) => void): Unsubscribe {
    return this.#subscribe(this.#willExpire, cb);
  }
  /** A refresh failed for another reason than invalid_grant; it will be retried. */
  onError(cb: (credentialId: string, error: LatchError) => void): Unsubscribe {
    return this.#subscribe(this.#errors, cb);
  }

  #subscribe<F>(set: Set<F>, cb: F): Unsubscribe {
    set.add(cb);
    return () => {
      set.delete(cb);
    };
  }

  #emit<A extends unknown[]>(set: Set<(...args: A) => void>, ...args: A): void {
    for (const cb of [...set]) {
      try {
        cb(...args);
      } catch {
        // A listener's bug must not stop the scheduler.
      }
    }
  }

  /** After unlock: accepts track() again (a new scheduler per unlock works just as well). */
  start(): void {
    this.#stopped = false;
  }

  /** Starts watching (or re-watching, after an edit) an oauth2 credential. */
  track(credentialId: string, config: OAuth2Config): void {
    if (this.#stopped) return;
    this.untrack(credentialId);
    const entry: Tracked = { config, warned: false };
    this.#tracked.set(credentialId, entry);
    this.#schedule(credentialId, entry);
  }

  untrack(credentialId: string): void {
    const entry = this.#tracked.get(credentialId);
    if (entry?.timer !== undefined) this.#o.timers.clearTimeout(entry.timer);
    this.#tracked.delete(credentialId);
  }

  has(credentialId: string): boolean {
    return this.#tracked.has(credentialId);
  }

  /**
   * On lock: forgets every credential and cancels every timer, then waits for refreshes already
   * on the wire so their rotated tokens are saved before the vault key goes away.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const id of [...this.#tracked.keys()]) this.untrack(id);
    await Promise.allSettled([...this.#inFlight]);
  }

  #arm(credentialId: string, entry: Tracked, delayMs: number, run: () => void): void {
    const wait = Math.max(0, delayMs);
    if (wait > MAX_TIMER_MS) {
      entry.timer = this.#o.timers.setTimeout(() => this.#schedule(credentialId, entry), MAX_TIMER_MS);
    } else {
      entry.timer = this.#o.timers.setTimeout(run, wait);
    }
  }

  #schedule(credentialId: string, entry: Tracked): void {
    if (this.#tracked.get(credentialId) !== entry) return;
    const tokens = entry.config.tokens;
    if (tokens?.expiresAt === undefined) return;
    const now = this.#o.clock.now();
    const at = refreshDueAt(tokens, this.#o.rule) ?? tokens.expiresAt;
    // A client credentials token is renewed by asking again (the injected refresh decides how).
    if (tokens.refreshToken || entry.config.grant === 'client_credentials') {
      this.#arm(credentialId, entry, at - now, () => this.#refresh(credentialId, entry));
      return;
    }
    if (entry.warned || now >= tokens.expiresAt) return;
    const expiresAt = tokens.expiresAt;
    this.#arm(credentialId, entry, at - now, () => {
      if (this.#tracked.get(credentialId) !== entry) return;
      entry.warned = true;
      this.#emit(this.#willExpire, credentialId, expiresAt);
    });
  }

  #refresh(credentialId: string, entry: Tracked): void {
    if (this.#tracked.get(credentialId) !== entry) return;
    entry.timer = undefined;
    const job = (async () => {
      let tokens: TokenSet;
      try {
        tokens = await this.#o.refresh(credentialId, entry.config);
      } catch (e) {
        const error =
          e instanceof LatchError
            ? e
            : new LatchError('ERR_OAUTH', 'Refreshing the token failed unexpectedly.', {
                detail: { error: 'internal' },
              });
        if (error.code === 'ERR_OAUTH_LOGIN_REQUIRED') {
          this.untrack(credentialId);
          this.#emit(this.#loginRequired, credentialId, error);
          return;
        }
        this.#emit(this.#errors, credentialId, error);
        if (this.#tracked.get(credentialId) === entry) {
          this.#arm(credentialId, entry, this.#o.retryMs, () => this.#refresh(credentialId, entry));
        }
        return;
      }
      // Save even if stop() came meanwhile: a rotated refresh token that is not saved is lost.
      try {
        await this.#o.save(credentialId, tokens);
      } catch (e) {
        const error =
          e instanceof LatchError
            ? e
            : new LatchError('ERR_SAVE_FAILED', 'The refreshed token could not be saved.', {
                detail: { error: 'save' },
              });
        this.#emit(this.#errors, credentialId, error);
      }
      this.#emit(this.#refreshed, credentialId, tokens);
      if (this.#tracked.get(credentialId) === entry) {
        entry.config = { ...entry.config, tokens };
        entry.warned = false;
        this.#schedule(credentialId, entry);
      }
    })();
    this.#inFlight.add(job);
    // finally() passes a rejection on: catch it, or a throwing listener becomes an unhandled rejection.
    job.finally(() => this.#inFlight.delete(job)).catch(() => undefined);
  }
}
