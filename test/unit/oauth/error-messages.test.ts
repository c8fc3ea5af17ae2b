import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { clientCredentials, type FetchLike, refreshTokens } from '../../../main/core/oauth';
import { RENEWAL_TIMEOUT_MS } from '../../../main/core/oauth/http-options';
import { RENEWAL_STALE_MS } from '../../../main/core/vault/renewal-lock';

const machine = OAuth2Fields.parse({
  clientId: 'machine',
  clientSecret: 'machine-secret',
  clientAuth: 'client_secret_post',
  grant: 'client_credentials',
  tokenEndpoint: 'https://as.example/token',
  scopes: 'read:admin',
});

const signedIn = OAuth2Fields.parse({
  clientId: 'desk',
  tokenEndpoint: 'https://as.example/token',
  tokens: { accessToken: 'at', refreshToken: 'rt', tokenType: 'Bearer', obtainedAt: 0 },
});

function answer(status: number, body: string, type = 'application/json'): FetchLike {
  return async () => new Response(body, { status, headers: { 'content-type': type } });
}

async function failure(run: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await run.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeDefined();
  return e as { code: string; message: string };
}

describe('what an OAuth failure says', () => {
  it('a client credentials 403 says what the server said, and nothing about approving access', async () => {
    const e = await failure(
      clientCredentials(machine, {
        fetch: answer(
          403,
          JSON.stringify({
            error: 'access_denied',
            error_description: 'Client has not been granted scopes: read:admin',
          }),
        ),
      }),
    );
    expect(e.code).toBe('ERR_OAUTH');
    expect(e.message).toContain('(access_denied)');
    expect(e.message).toContain('The server said: "Client has not been granted scopes: read:admin"');
    expect(e.message).not.toMatch(/approve|sign-in was declined/i);
    expect(e.message).toMatch(/client may use this grant/);
  });

  it('a 403 page without an OAuth error names the status, not "not valid OAuth"', async () => {
    const e = await failure(clientCredentials(machine, { fetch: answer(403, '<h1>Forbidden</h1>', 'text/html') }));
    expect(e.message).toContain('answered HTTP 403 without an OAuth error');
    expect(e.message).toMatch(/permissions/);
    expect(e.message).not.toContain('not valid OAuth');
  });

  it('a 200 that carries an OAuth error shows that error', async () => {
    const e = await failure(
      clientCredentials(machine, {
        fetch: answer(
          200,
          JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }),
        ),
      }),
    );
    expect(e.message).toContain('(invalid_client)');
    expect(e.message).toContain('Client authentication failed');
    expect(e.message).not.toContain('not valid OAuth');
  });

  it('a refresh answered 200 with invalid_grant asks for a new sign-in', async () => {
    const e = await failure(
      refreshTokens(signedIn, { fetch: answer(200, JSON.stringify({ error: 'invalid_grant' })) }),
    );
    expect(e.code).toBe('ERR_OAUTH_LOGIN_REQUIRED');
  });

  it("the server's words are one bounded line", async () => {
    const e = await failure(
      clientCredentials(machine, {
        fetch: answer(
          400,
          JSON.stringify({ error: 'invalid_scope', error_description: `bad\n\r\u0007scope ${'x'.repeat(2000)}` }),
        ),
      }),
    );
    for (const ch of ['\n', '\r', '\u0007']) expect(e.message).not.toContain(ch);
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).toContain('The server said: "bad scope');
  });

  it('a 200 token answer is still a token (no error field)', async () => {
    const tokens = await clientCredentials(machine, {
      fetch: answer(200, JSON.stringify({ access_token: 'AT', token_type: 'Bearer', expires_in: 60 })),
    });
    expect(tokens.accessToken).toBe('AT');
  });
});

// A token renewal runs under the renewal lock, which other processes break as stale after a minute:
// a token endpoint that never answers must end the renewal (ERR_TIMEOUT) well before that.
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
