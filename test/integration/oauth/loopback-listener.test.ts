/**
 * The loopback listener against a real provider (oidc-provider) and a real socket: what it
 * refuses, what it keeps waiting through, and that only this computer can reach it.
 */
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../main/core/model/credential';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { authorize, type FetchLike, FlowRequestLog, startLoopbackListener } from '../../../main/core/oauth';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';

let peer: OidcProviderPeer;
let fixedPort: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  fixedPort = await freePort();
  peer = await startOidcProvider({
    clients: [
      nativeClient('app'),
      nativeClient('fixed-app', { redirect_uris: [`http://localhost:${fixedPort}/oauth/done`] }),
    ],
  });
});
afterAll(async () => {
  await peer?.stop();
});

/**
 * Starts authorize() with an opener that walks the provider's dev pages over HTTP and hands back
 * the callback URL without requesting it: the test decides what reaches the listener.
 */
function startFlow(
  overrides: Record<string, unknown> = {},
  env: { fetch?: FetchLike; log?: FlowRequestLog; timeoutMs?: number; signal?: AbortSignal } = {},
  abort = false,
) {
  const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'app', scopes: 'openid', ...overrides });
  let resolveCallback!: (url: string) => void;
  const callback = new Promise<string>((r) => {
    resolveCallback = r;
  });
  const tokens: Promise<TokenSet> = authorize(config, {
    ...env,
    opener: {
      open: async (url) => {
        void completeDevInteractions(url, { abort }).then(resolveCallback);
      },
    },
  });
  tokens.catch(() => undefined);
  return { tokens, callback };
}

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const r = await fetch(url, init);
  return { status: r.status, text: await r.text() };
}

function withState(url: string, state: string | null): string {
  const u = new URL(url);
  if (state === null) u.searchParams.delete('state');
  else u.searchParams.set('state', state);
  return u.href;
}

describe('loopback listener', () => {
  it('answers a wrong or missing state with 400, exchanges nothing, and keeps waiting for the real callback', async () => {
    const log = new FlowRequestLog();
    const { tokens, callback } = startFlow({}, { log });
    const url = await callback;
    const missing = await get(withState(url, null));
    expect(missing.status).toBe(400);
    const wrong = await get(withState(url, 'not-the-state'));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Not this sign-in');
    expect(log.entries.filter((e) => e.method === 'POST')).toHaveLength(0);
    expect((await get(url)).status).toBe(200);
    expect((await tokens).accessToken).toBeTruthy();
  });

  it('answers another path 404, another method 405, another Host 400, and still takes the real callback', async () => {
    const { tokens, callback } = startFlow();
    const url = new URL(await callback);
    expect((await get(`${url.origin}/other${url.search}`)).status).toBe(404);
    expect((await get(`${url.origin}/favicon.ico`)).status).toBe(404);
    expect((await get(url.href, { method: 'POST' })).status).toBe(405);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: `${url.pathname}${url.search}`,
          headers: { host: `attacker.example:${url.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(400);
    expect((await get(url.href)).status).toBe(200);
    await expect(tokens).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('exchanges a code once: a second callback is "already used" and never reaches the token endpoint', async () => {
    const log = new FlowRequestLog();
    // Hold the token request a moment so the second callback arrives during the exchange.
    const slow: FetchLike = async (url, init) => {
      if (url.endsWith('/token')) await new Promise((r) => setTimeout(r, 300));
      return fetch(url, init);
    };
    const { tokens, callback } = startFlow({}, { log, fetch: slow });
    const url = await callback;
    const first = get(url);
    await new Promise((r) => setTimeout(r, 50));
    const second = await get(url);
    expect(second.status).toBe(400);
    expect(second.text).toContain('already used');
    expect((await first).status).toBe(200);
    await tokens;
    expect(log.entries.filter((e) => e.method === 'POST' && e.url.endsWith('/token'))).toHaveLength(1);
    // Then it is closed: nothing listens on that port any more.
    await expect(fetch(url)).rejects.toThrow();
  });

  it('turns error=access_denied from the provider into a failure page and ERR_OAUTH', async () => {
    const { tokens, callback } = startFlow({}, {}, true);
    const url = await callback;
    expect(new URL(url).searchParams.get('error')).toBe('access_denied');
    const page = await get(url);
    expect(page.status).toBe(400);
    expect(page.text).toContain('access_denied');
    await expect(tokens).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'access_denied' } });
  });

  it('shows error_description as plain text', async () => {
    const listener = await startLoopbackListener({ onCallback: async () => 'never' });
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const url = new URL(listener.redirectUri);
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('error_description', evil);
    url.searchParams.set('state', listener.state);
    const r = await fetch(url);
    const html = await r.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    await expect(listener.result).rejects.toMatchObject({
      code: 'ERR_OAUTH',
      detail: { error: 'access_denied', error_description: evil },
    });
  });

  it('refuses an iss that is not the expected issuer (RFC 9207)', async () => {
    const { tokens, callback } = startFlow();
    const url = new URL(await callback);
    url.searchParams.set('iss', 'https://evil.example');
    expect((await get(url.href)).status).toBe(400);
    await expect(tokens).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'invalid_issuer' } });
  });

  it('times out with ERR_TIMEOUT and closes its port', async () => {
    let redirect = '';
    const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'app' });
    const flow = authorize(config, {
      timeoutMs: 300,
      opener: {
        open: async (url) => {
          redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
        },
      },
    });
    await expect(flow).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    await expect(fetch(redirect)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('is cancelled by its AbortSignal with ERR_CANCELLED', async () => {
    const controller = new AbortController();
    const { tokens, callback } = startFlow({}, { signal: controller.signal });
    const url = await callback;
    controller.abort();
    await expect(tokens).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    await expect(fetch(url)).rejects.toThrow();
  });

  it('cannot be reached on any address but loopback', async (ctx) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4');
    if (!external) {
      ctx.skip(true, 'this machine has no non-loopback IPv4 address to try');
      return;
    }
    const listener = await startLoopbackListener({ onCallback: async () => 'x' });
    const port = Number(new URL(listener.redirectUri).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external.address, port });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
    await listener.close();
    await expect(listener.result).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('uses the fixed redirect a provider was registered with (http://localhost:PORT/path), still loopback only', async () => {
    const { tokens, callback } = startFlow({
      clientId: 'fixed-app',
      redirectUri: `http://localhost:${fixedPort}/oauth/done`,
    });
    const url = await callback;
    expect(url.startsWith(`http://localhost:${fixedPort}/oauth/done?`)).toBe(true);
    expect((await get(url)).status).toBe(200);
    expect((await tokens).accessToken).toBeTruthy();
  });

  it('reports a busy fixed port clearly', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    await expect(
      startLoopbackListener({ redirectUri: `http://127.0.0.1:${port}/cb`, onCallback: async () => 1 }),
    ).rejects.toMatchObject({
      code: 'ERR_OAUTH',
      detail: { error: 'listener_unavailable', error_description: 'EADDRINUSE' },
    });
    await new Promise<void>((r) => blocker.close(() => r()));
  });
});
