/**
 * Refresh, rotation and revocation against oidc-provider: access tokens live 10 s and the
 * scheduler's margin is 8.5 s, so the proactive refresh happens about 1.5 s after sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../main/core/model/credential';
import { OAuth2Fields } from '../../../main/core/model/credential';
import {
  authorize,
  type FetchLike,
  introspect,
  type OAuth2Config,
  RefreshScheduler,
  RevocationQueue,
  refreshTokens,
  revoke,
} from '../../../main/core/oauth';
import { systemClock } from '../../../main/core/platform';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';

let peer: OidcProviderPeer;
let config: OAuth2Config;

beforeAll(async () => {
  peer = await startOidcProvider({ clients: [nativeClient('app')], ttl: { AccessToken: 10 } });
  config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'app', scopes: 'openid offline_access' });
});
afterAll(async () => {
  await peer?.stop();
});

function signIn(): Promise<TokenSet> {
  return authorize(config, {
    opener: {
      open: async (url) => {
        void completeDevInteractions(url).then((cb) => fetch(cb));
      },
    },
  });
}

describe('token lifecycle against a real provider', () => {
  it('refreshes before expiry, saves the rotated refresh token, and the old one is refused', async () => {
    const tokens = await signIn();
    expect(tokens.expiresAt! - tokens.obtainedAt).toBe(10_000);
    // Still valid outside the 8.5 s refresh margin used below.
    expect(tokens.expiresAt! - Date.now()).toBeGreaterThan(8_500);
    const saved: TokenSet[] = [];
    const scheduler = new RefreshScheduler({
      clock: systemClock,
      rule: { beforeExpiryMs: 8_500, lifetimeFraction: 0, minAgeMs: 0 },
      refresh: (_id, c) => refreshTokens(c),
      save: async (_id, t) => {
        saved.push(t);
      },
    });
    const refreshed = new Promise<TokenSet>((resolve) => scheduler.onRefreshed((_id, t) => resolve(t)));
    const started = Date.now();
    scheduler.track('cred-1', { ...config, tokens });
    const next = await refreshed;
    await scheduler.stop();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThan(1_000);
    expect(elapsed).toBeLessThan(5_000);
    expect(saved).toEqual([next]);
    expect(next.accessToken).not.toBe(tokens.accessToken);
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(next.expiresAt!).toBeGreaterThan(tokens.expiresAt!);
    expect((await introspect(config, next.accessToken, 'access_token')).active).toBe(true);

    // The rotated-away refresh token is dead: a new sign-in is needed.
    await expect(refreshTokens({ ...config, tokens })).rejects.toMatchObject({
      code: 'ERR_OAUTH_LOGIN_REQUIRED',
      detail: { error: 'invalid_grant' },
    });
  });

  it('after revocation the tokens are refused (introspection inactive, refresh needs a new sign-in)', async () => {
    const tokens = await signIn();
    expect((await introspect(config, tokens.accessToken)).active).toBe(true);
    await expect(revoke(config, tokens.refreshToken!, 'refresh_token')).resolves.toEqual({ status: 'revoked' });
    expect((await introspect(config, tokens.accessToken, 'access_token')).active).toBe(false);
    await expect(refreshTokens({ ...config, tokens })).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
  });

  it('a 503 from the revocation endpoint is retried later by the queue, without blocking', async () => {
    const tokens = await signIn();
    let unavailable = 1;
    const flaky: FetchLike = async (url, init) => {
      if (url.endsWith('/token/revocation') && unavailable-- > 0) {
        return new Response('busy', { status: 503, headers: { 'retry-after': '2' } });
      }
      return fetch(url, init);
    };
    let now = 0;
    const queue = new RevocationQueue<{ token: string }>({
      clock: { now: () => now },
      revoke: (job) => revoke(config, job.token, 'access_token', { fetch: flaky }),
    });
    queue.enqueue({ token: tokens.accessToken });
    const first = await queue.runDue();
    expect(first).toMatchObject([{ outcome: 'retry', reason: 'http_503', nextAttemptAt: 2000 }]);
    expect((await introspect(config, tokens.accessToken)).active).toBe(true);
    now = 2000;
    const second = await queue.runDue();
    expect(second).toMatchObject([{ outcome: 'revoked' }]);
    expect(queue.size).toBe(0);
    expect((await introspect(config, tokens.accessToken)).active).toBe(false);
  });
});
