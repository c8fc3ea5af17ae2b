import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { HISTORY_LIMIT } from '../../../main/core/requests';
import { BridgeError, type LatchApi } from '../../../preload/api';
import type { AttemptView } from '../../../preload/channels/requests';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { clientFor, composeForTest } from '../../support/compose-for-test';

const SECRET = 'tok-integration-9f8e7d6c';
const PATH_MARK = 'orders-path-marker';
let dir: string;
let latch: LatchApi;
let clipboard: MemoryClipboard;
let server: ScriptedServer;
let serviceId: string;
let credentialId: string;
const attempts: { requestId: string; attempt: AttemptView }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-requests-ipc-'));
  server = await startScriptedServer();
  server.fallback = reply(200, { 'content-type': 'application/json' }, '{"ok":true}');
  clipboard = new MemoryClipboard();
  const { dispatch, events } = composeForTest({
    dataDir: dir,
    clipboard,
  });
  latch = clientFor({ dispatch, events });
  latch.requests.onAttempt((e) => attempts.push(e));
  await latch.vault.create({ password: 'a long enough test password', iterations: 100_000 });
  serviceId = (await latch.services.create({ service: { name: 'orders', baseUrl: server.url } })).id;
  credentialId = (await latch.credentials.add({ serviceId, kind: 'bearer', name: 'token', fields: { token: SECRET } }))
    .id;
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BridgeError ? e.code : 'other'),
  );

describe('requests channels', () => {
  it('send signs in main; the view has the redacted request and never the secret', async () => {
    const view = await latch.requests.send({
      requestId: 'r1',
      serviceId,
      credentialId,
      request: { method: 'GET', url: `/v1/${PATH_MARK}`, query: [{ name: 'page', value: '2', enabled: true }] },
    });
    expect(view.status).toBe(200);
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(server.seen.at(-1)?.url).toBe(`/v1/${PATH_MARK}?page=2`);
    expect(view.sentRedacted.headers.find((h) => h.name === 'Authorization')?.value).toBe('Bearer [redacted]');
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(view).not.toHaveProperty('sent');
    expect(view.audit.https).toBe(false);
    expect(attempts.filter((a) => a.requestId === 'r1').map((a) => a.attempt.outcome)).toEqual([200]);
  });

  it('attempts stream live while retrying', async () => {
    server.script(reply(503, { 'retry-after': '0' }), reply(200));
    const view = await latch.requests.send({
      requestId: 'r2',
      serviceId,
      credentialId,
      request: { method: 'GET', url: '/retry' },
      retry: { maxAttempts: 3 },
    });
    expect(view.attempts.map((a) => a.outcome)).toEqual([503, 200]);
    expect(attempts.filter((a) => a.requestId === 'r2').map((a) => a.attempt.outcome)).toEqual([503, 200]);
  });

  it('cancel aborts the request in flight: ERR_CANCELLED', async () => {
    server.script(() => undefined); // never answers
    const sending = code(
      latch.requests.send({ requestId: 'r3', serviceId, credentialId, request: { method: 'GET', url: '/hang' } }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await latch.requests.cancel({ requestId: 'r3' })).toEqual({ cancelled: true });
    expect(await sending).toBe('ERR_CANCELLED');
    expect(await latch.requests.cancel({ requestId: 'r3' })).toEqual({ cancelled: false });
  });

  it('history is per service, newest first, kept encrypted in the vault, without secrets', async () => {
    const history = await latch.requests.history({ serviceId });
    expect(history.map((h) => h.outcome.status)).toEqual([null, 200, 200]);
    expect(history[0]?.outcome.error).toBe('ERR_CANCELLED');
    expect(history[2]?.request.url).toBe(`/v1/${PATH_MARK}`);
    expect(JSON.stringify(history)).not.toContain(SECRET);
    expect(await latch.requests.history({})).toEqual([]);
    const file = readFileSync(join(dir, 'vault.latch'));
    expect(file.includes(Buffer.from(PATH_MARK))).toBe(false);
    expect(file.includes(Buffer.from(SECRET))).toBe(false);
  });

  it(`history keeps the last ${HISTORY_LIMIT} and cuts long bodies at 64 KiB`, async () => {
    const big = JSON.stringify({ pad: 'é'.repeat(40_000) });
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) {
      await latch.requests.send({
        requestId: `bulk${i}`,
        serviceId,
        request: {
          method: 'POST',
          url: `/bulk/${i}`,
          body: { kind: 'json', text: i === HISTORY_LIMIT + 2 ? big : '{}' },
        },
      });
    }
    const history = await latch.requests.history({ serviceId });
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]?.request.url).toBe(`/bulk/${HISTORY_LIMIT + 2}`);
    expect(history[0]?.bodyCut).toBe(true);
    const body = history[0]?.request.body;
    expect(body?.kind === 'json' && Buffer.byteLength(body.text)).toBeLessThanOrEqual(64 * 1024);
    expect(history.at(-1)?.request.url).toBe('/bulk/3');
  }, 60_000);

  it('copy as cURL goes to the clipboard, redacted unless asked; nothing secret comes back', async () => {
    const request = { method: 'GET', url: '/copy' };
    const plain = await latch.requests.copyAs({ serviceId, credentialId, request, format: 'curl' });
    expect(clipboard.text).toContain('Authorization: Bearer [redacted]');
    expect(clipboard.text).toContain(`${server.url}/copy`);
    expect(JSON.stringify(plain)).not.toContain(SECRET);
    const withSecrets = await latch.requests.copyAs({
      serviceId,
      credentialId,
      request,
      format: 'fetch',
      includeSecrets: true,
    });
    expect(clipboard.text).toContain(`Bearer ${SECRET}`);
    expect(JSON.stringify(withSecrets)).not.toContain(SECRET);
  });

  it('saved requests: save, list, delete; a deleted service takes its requests with it', async () => {
    const { id } = await latch.requests.save({
      serviceId,
      credentialId,
      name: 'List orders',
      request: { method: 'GET', url: '/v1/orders' },
    });
    expect((await latch.requests.saved({ serviceId })).map((s) => s.name)).toEqual(['List orders']);
    await latch.requests.deleteSaved({ serviceId, id });
    expect(await latch.requests.saved({ serviceId })).toEqual([]);
    expect(await code(latch.requests.deleteSaved({ serviceId, id }))).toBe('ERR_NOT_FOUND');

    await latch.requests.save({ serviceId, name: 'Keep', request: { method: 'GET', url: '/' } });
    await latch.services.delete({ id: serviceId });
    await new Promise((r) => setTimeout(r, 200));
    expect(await latch.requests.history({ serviceId })).toEqual([]);
    expect(await latch.requests.saved({ serviceId })).toEqual([]);
  });
});
