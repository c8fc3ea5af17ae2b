/**
 * "A fresh access token, refreshed and saved if needed": the one place every use of an OAuth
 * access token goes through: reveal, copy, quick copy, the request tester's engine, and the
 * command line's `get`, `copy`, `exec`, `token` and `request`. The token is renewed when the
 * refresh rule (core/oauth/refresh-rule.ts) says it is due, or when a server refused it
 * (`force`, after a 401); the new set is saved before it is used, because a rotated refresh
 * token is dead once used. One renewal per credential runs at a time: two readers in this
 * process share it, and across processes (the app, parallel git or kubectl helpers) the renewal
 * lock (core/vault/renewal-lock.ts) lets one renew while the others wait, re-read the vault and
 * use what it saved, rather than spending the refresh token twice.
 */
import type { AccessToken, GetAccessToken } from '../../core/http';
import type { FieldsOf, TokenSet } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { needsRefresh, REFRESH_RULE, type RefreshRule } from '../../core/oauth/refresh-rule';
import type { Clock } from '../../core/platform';
import type { RenewalLock } from '../../core/vault/renewal-lock';
import type { Credentials } from '../credentials/credentials';
import { type Reload, saveRenewed } from './renewed-save';

/** Where tokens are read and saved: the app's Credentials, or a command's. */
export type TokenStore = Pick<Credentials, 'credential' | 'setTokens' | 'holdsUnsaved'>;

export interface AccessTokensDeps {
  credentials: TokenStore;
  clock: Clock;
  rule?: RefreshRule;
  /**
   * Renews and saves the tokens. The app passes its OAuth service, so a refresh made here shows
   * in its log and status like any other; by default (the command line) the server is asked
   * here and the new set saved.
   */
  renew?: (serviceId: string, credentialId: string) => Promise<unknown>;
  /**
   * Shared with other processes on the same vault: taken before a renewal, then `reload` re-reads
   * the file, since another process may have saved a renewed set while this one waited.
   */
  lock?: RenewalLock;
  /** Re-reads the vault from disk, re-applying this session's unsaved changes (but those to `theirs`). */
  reload?: Reload;
}

/** What to do with the tokens the vault holds now (after the renewal lock and a re-read). */
export type TokenDecision = 'use' | 'renew' | 'login';

/**
 * `force` (the server refused `refused`, the access token held before): renew unless another
 * process already replaced that token. Otherwise renew when the refresh rule says it is due.
 */
export function decide(
  fields: FieldsOf<'oauth2'>,
  now: number,
  rule: RefreshRule,
  force: { refused: string | undefined } | undefined,
): TokenDecision {
  const tokens = fields.tokens;
  const replaced = force !== undefined && tokens !== undefined && tokens.accessToken !== force.refused;
  if (tokens && (force === undefined || replaced) && !needsRefresh(tokens, now, rule)) return 'use';
  const renewable = tokens?.refreshToken !== undefined || fields.grant === 'client_credentials';
  if (renewable) return 'renew';
  // Due but not renewable: still usable until it actually expires.
  const valid = tokens !== undefined && (tokens.expiresAt === undefined || tokens.expiresAt > now);
  return valid && force === undefined ? 'use' : 'login';
}

export interface FreshToken {
  tokens: TokenSet;
  /** A new set was fetched (and saved) for this call. */
  refreshed: boolean;
}

function loginRequired(hadTokens: boolean): LatchError {
  return new LatchError(
    'ERR_OAUTH_LOGIN_REQUIRED',
    hadTokens
      ? 'The access token has expired and cannot be refreshed (no refresh token). Sign in again: in Latch, or with "latch oauth login".'
      : 'This OAuth credential has no token yet. Sign in first: in Latch, or with "latch oauth login".',
  );
}

export const toEngineToken = (t: TokenSet): AccessToken => ({
  accessToken: t.accessToken,
  ...(t.tokenType ? { tokenType: t.tokenType } : {}),
  ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}),
});

export class AccessTokens {
  readonly #renewing = new Map<string, Promise<FreshToken>>();
  readonly #rule: RefreshRule;

  constructor(private readonly deps: AccessTokensDeps) {
    this.#rule = deps.rule ?? REFRESH_RULE;
  }

  async fresh(serviceId: string, credentialId: string, options: { force?: boolean } = {}): Promise<FreshToken> {
    const fields = await this.#fields(serviceId, credentialId);
    const force = options.force ? { refused: fields.tokens?.accessToken } : undefined;
    const first = decide(fields, this.deps.clock.now(), this.#rule, force);
    if (first === 'use') return { tokens: fields.tokens!, refreshed: false };
    if (first === 'login') throw loginRequired(fields.tokens !== undefined);
    let running = this.#renewing.get(credentialId);
    if (running === undefined) {
      running = this.#renewLocked(serviceId, credentialId, force).finally(() => this.#renewing.delete(credentialId));
      this.#renewing.set(credentialId, running);
    }
    return running;
  }

  /** Under the renewal lock: re-read, and renew only if what is on disk now still needs it. */
  async #renewLocked(
    serviceId: string,
    credentialId: string,
    force: { refused: string | undefined } | undefined,
  ): Promise<FreshToken> {
    const release = this.deps.lock ? await this.deps.lock(credentialId) : undefined;
    try {
      if (this.deps.reload) await this.deps.reload();
      const fields = await this.#fields(serviceId, credentialId);
      const now = this.deps.clock.now();
      const decision = decide(fields, now, this.#rule, force);
      if (decision === 'use') return { tokens: fields.tokens!, refreshed: false };
      if (decision === 'login') throw loginRequired(fields.tokens !== undefined);
      return { tokens: await this.#renew(serviceId, credentialId, fields), refreshed: true };
    } finally {
      await release?.();
    }
  }

  /** The HTTP engine's token provider; the engine names credentials by id alone. */
  forEngine(serviceOf: (credentialId: string) => string): GetAccessToken {
    return async (credentialId, { forceRefresh }) =>
      toEngineToken((await this.fresh(serviceOf(credentialId), credentialId, { force: forceRefresh })).tokens);
  }

  async #renew(serviceId: string, credentialId: string, fields: FieldsOf<'oauth2'>): Promise<TokenSet> {
    if (this.deps.renew) {
      await this.deps.renew(serviceId, credentialId);
      const next = (await this.#fields(serviceId, credentialId)).tokens;
      if (!next) throw loginRequired(false);
      return next;
    }
    const clock = this.deps.clock;
    // Client credentials tokens are renewed by asking again; there is no refresh token. The OAuth client
    // (oauth4webapi, jose) loads only here: `latch get` of an API key should not pay for it at start.
    const next =
      fields.grant === 'client_credentials' && !fields.tokens?.refreshToken
        ? await (await import('../../core/oauth/client-credentials')).clientCredentials(fields, { clock })
        : await (await import('../../core/oauth/refresh-token')).refreshTokens(fields, { clock });
    return this.#save(serviceId, credentialId, next, fields.tokens);
  }

  /**
   * The old refresh token may be dead now: a save that loses a race is made again (renewed-save.ts), unless
   * the set renewed from was replaced meanwhile (this renewal's lock was broken): the set in effect.
   */
  #save(serviceId: string, credentialId: string, next: TokenSet, from: TokenSet | undefined): Promise<TokenSet> {
    return saveRenewed(this.deps.credentials, this.deps.reload, serviceId, credentialId, next, { from });
  }

  async #fields(serviceId: string, credentialId: string): Promise<FieldsOf<'oauth2'>> {
    const { credential } = await this.deps.credentials.credential(serviceId, credentialId);
    if (credential.kind !== 'oauth2')
      throw new LatchError(
        'ERR_BAD_INPUT',
        `"${credential.name}" is a ${credential.kind} credential, not an OAuth 2.0 one.`,
        {
          detail: { field: 'kind' },
        },
      );
    return credential.fields;
  }
}
