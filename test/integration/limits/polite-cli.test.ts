import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { LimitRecords } from '../../../main/core/limits';
import type { RateLimit } from '../../../main/core/model/rate-limit';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import { type ApiPeer, type Handler, startApi } from '../audit/api-peer';
import { latch } from '../cli/run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-polite-'));
const vault = join(dir, 'polite.latch');
const PASSWORD = 'polite test password';
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault };
let peer: ApiPeer | null = null;

beforeAll(async () => {
  expect(
    (await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PASSWORD}\n`, env })).code,
  ).toBe(0);
}, 60_000);
afterEach(async () => {
  await peer?.close();
  peer = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh service pointing at a counting server, with an optional limit on its one credential. */
async function service(name: string, handler: Handler, limit?: RateLimit): Promise<ApiPeer> {
  peer = await startApi(handler);
  const v = await openVault({ path: vault, password: PASSWORD });
  const store = new ServiceStore(v, systemClock);
  const id = await store.createService({ name, baseUrl: new URL(peer.url).origin });
  const credentialId = await store.addCredential(id, {
    kind: 'api-key',
    name: 'key',
    fields: { value: 'k-1', header: 'X-Api-Key' },
  });
  if (limit) await new LimitRecords(v).setLimit(id, credentialId, limit);
  v.lock();
  return peer;
}
const request = (name: string, extra: string[] = []) =>
  latch(['request', '--password-stdin', `latch://${name}/key`, 'GET', '/v1/me', ...extra], {
    stdin: `${PASSWORD}\n`,
    env,
  });
const ok: Handler = (_q, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{}');
};

describe('the polite client across `latch request` processes', () => {
  it('four processes started together keep to 1 request per 3 s between them, as the server counts', async () => {
    const p = await service('paced', ok, { requests: 1, perSeconds: 3 });
    const runs = await Promise.all([1, 2, 3, 4].map(() => request('paced')));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const at = p.seen.map((s) => s.at).sort((a, b) => a - b);
    expect(at.length).toBe(4);
    // Server-side gaps: each at least the window (the shared margin absorbs the processes' jitter).
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(3000);
  }, 90_000);

  it('a Retry-After: 15 holds for the next processes: none reaches the server before it ends', async () => {
    let first = true;
    const p = await service('throttled', (q, res) => {
      if (first) {
        first = false;
        res.writeHead(429, { 'retry-after': '15', 'content-type': 'text/plain' });
        res.end('slow down');
        return;
      }
      ok(q, res);
    });
    const r = await request('throttled');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 429 /);
    const t429 = p.seen[0]!.at;
    const later = await Promise.all([1, 2, 3, 4].map(() => request('throttled', ['--verbose'])));
    expect(later.map((x) => x.code)).toEqual([0, 0, 0, 0]);
    expect(p.seen.length).toBe(5);
    for (const s of p.seen.slice(1)) expect(s.at).toBeGreaterThanOrEqual(t429 + 14990);
    // With --verbose, one that started inside the window says why it waited (on a loaded machine a
    // process may start after the window, and then it has nothing to say); nothing else is printed.
    for (const x of later) expect(x.stderr).toMatch(/^(Waiting \d+\.\d s for Retry-After from the server\.\n)?$/);
  }, 90_000);

  it('a Retry-After longer than Latch waits: the next request is refused (exit 6) and never sent', async () => {
    const p = await service('closed', (_q, res) => {
      res.writeHead(503, { 'retry-after': '600' });
      res.end();
    });
    expect((await request('closed')).code).toBe(0);
    const r = await request('closed');
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^latch: The server asked not to be called again until \d{4}-/);
    expect(p.seen.length).toBe(1);
  }, 60_000);
});
