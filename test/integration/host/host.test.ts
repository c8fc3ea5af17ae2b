import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHostApp, type HostApp } from '../../host/host-app';

let host: HostApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-host-'));
  host = await createHostApp({
    dataDir: dir,
    keychainStatus: async () => ({ reachable: false, backend: 'x', detail: 'x' }),
  });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function attempt(url: string, origin: string | undefined): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

describe('the browser host', () => {
  const wsUrl = (token?: string) =>
    `${host.origin.replace('http', 'ws')}/bridge${token === undefined ? '' : `?token=${token}`}`;

  it('binds to 127.0.0.1 only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('accepts the right secret from its own origin and answers calls', async () => {
    const ws = new WebSocket(wsUrl(host.token), { origin: host.origin });
    await new Promise((r) => ws.on('open', r));
    const reply = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send(JSON.stringify({ id: 1, channel: 'app.ping', input: { echo: 'hello' } }));
    expect(JSON.parse(await reply)).toEqual({ id: 1, envelope: { ok: true, value: { echo: 'hello' } } });
    const unknown = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send(JSON.stringify({ id: 2, channel: 'vault.dump', input: {} }));
    expect(JSON.parse(await unknown).envelope.error.code).toBe('ERR_UNKNOWN_CHANNEL');
    const garbage = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send('{not json');
    expect(JSON.parse(await garbage).envelope.error.code).toBe('ERR_BAD_INPUT');
    ws.close();
  });

  it('refuses a connection without the secret', async () => {
    expect(await attempt(wsUrl(), host.origin)).toEqual({ opened: false, status: 401 });
  });

  it('refuses a wrong secret', async () => {
    expect(await attempt(wsUrl('wrong'), host.origin)).toEqual({ opened: false, status: 401 });
    expect(await attempt(wsUrl(`${host.token}x`), host.origin)).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign Origin, or none, even with the secret', async () => {
    expect(await attempt(wsUrl(host.token), 'http://evil.example')).toEqual({ opened: false, status: 403 });
    expect(await attempt(wsUrl(host.token), 'http://127.0.0.1:1')).toEqual({ opened: false, status: 403 });
    expect(await attempt(wsUrl(host.token), undefined)).toEqual({ opened: false, status: 403 });
  });

  it('serves the renderer with the CSP and never files outside it', async () => {
    const index = await fetch(`${host.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${host.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });
});
