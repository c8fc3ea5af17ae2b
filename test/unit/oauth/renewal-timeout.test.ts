// A token renewal runs under the renewal lock, which other processes break as stale after a minute:
// a token endpoint that never answers must end the renewal (ERR_TIMEOUT) well before that.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { clientCredentials, type FetchLike, refreshTokens } from '../../../main/core/oauth';
import { RENEWAL_TIMEOUT_MS } from '../../../main/core/oauth/http-options';
import { RENEWAL_STALE_MS } from '../../../main/core/vault/renewal-lock';

const signedIn = OAuth2Fields.parse({
  clientId: 'cli',
  clientAuth: 'none',
  tokenEndpoint: 'https://as.example/token',
  tokens: { accessToken: 'at-1', tokenType: 'Bearer', refreshToken: 'rt-1', obtainedAt: 0 },
});
const machine = OAuth2Fields.parse({
  clientId: 'machine',
  clientSecret: 'machine-secret',
  clientAuth: 'client_secret_post',
  grant: 'client_credentials',
  tokenEndpoint: 'https://as.example/token',
});

/** A token endpoint that takes the request and never answers; only the request's signal ends the wait. */
const silent: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    if (init.signal?.aborted) reject(init.signal.reason);
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
  });

async function outcomeAfter(run: Promise<unknown>, ms: number): Promise<string> {
  let outcome = 'still waiting';
  run.then(
    () => {
      outcome = 'answered';
    },
    (e: { code?: string }) => {
      outcome = e.code ?? 'no code';
    },
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

describe('a token renewal ends before the renewal lock could be judged stale', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves half the stale age at least', () => {
    expect(RENEWAL_TIMEOUT_MS).toBeLessThanOrEqual(RENEWAL_STALE_MS / 2);
  });

  it('a refresh whose token endpoint never answers ends in ERR_TIMEOUT', async () => {
    const run = refreshTokens(signedIn, { fetch: silent });
    expect(await outcomeAfter(run, RENEWAL_TIMEOUT_MS - 1_000)).toBe('still waiting');
    expect(await outcomeAfter(run, 1_000)).toBe('ERR_TIMEOUT');
  });

  it('a client credentials request whose token endpoint never answers ends in ERR_TIMEOUT', async () => {
    expect(await outcomeAfter(clientCredentials(machine, { fetch: silent }), RENEWAL_TIMEOUT_MS)).toBe('ERR_TIMEOUT');
  });

  it("the caller's own cancel still cancels (ERR_CANCELLED, not a timeout)", async () => {
    const cancel = new AbortController();
    const run = refreshTokens(signedIn, { fetch: silent, signal: cancel.signal });
    cancel.abort();
    expect(await outcomeAfter(run, 0)).toBe('ERR_CANCELLED');
  });
});
