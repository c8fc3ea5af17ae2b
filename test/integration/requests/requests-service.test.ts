/**
 * The request tester's use cases on the app's RequestsService, against a scripted HTTP server:
 * signing in main, live attempts, cancel, history, copy as cURL, saved requests. No transport:
 * that each requests.* channel maps onto these calls is test/unit/ipc/handler-mapping.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import type { AttemptRecord } from '../../../main/core/http';
import { isLatchError } from '../../../main/core/model/errors';
import { HISTORY_LIMIT } from '../../../main/core/requests';
import { reply, type ScriptedServer } from '../../peers/scripted-server';
import { type BearerFixture, bearerFixture } from '../../support/bearer-fixture';

const SECRET = 'tok-integration-9f8e7d6c';
const PATH_MARK = 'orders-path-marker';
const clipboard = new MemoryClipboard();
let fixture: BearerFixture;
let dir: string;
let app: AppServices;
let server: ScriptedServer;
let serviceId: string;
let credentialId: string;
const attempts: { requestId: string; attempt: AttemptRecord }[] = [];

/** A history row as the tests read it (the service hands rows out unparsed; the contract parses them). */
interface Row {
  request: { url: string; body?: { kind: string; text?: string } };
  bodyCut: boolean;
  outcome: { status: number | null; error: string | null };
}

beforeAll(async () => {
  fixture = await bearerFixture({
    prefix: 'latch-requests-app-',
    token: SECRET,
    service: 'orders',
    credential: 'token',
    overrides: { clipboard },
  });
  ({ dir, app, server, serviceId, credentialId } = fixture);
  server.fallback = reply(200, { 'content-type': 'application/json' }, '{"ok":true}');
  app.events.on('requests.attempt', (e) => attempts.push(e));
}, 60_000);

afterAll(() => fixture.close());

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isLatchError(e) ? e.code : 'other'),
  );

type SendInput = Parameters<AppServices['requests']['send']>[0];
const send = (input: Omit<SendInput, 'retry'> & { retry?: SendInput['retry'] }) =>
  app.requests.send({ retry: undefined, ...input });
const history = async (id: string | null) => (await app.requests.history(id)) as Row[];

describe('the requests service', () => {
  it('send signs in main; the view has the redacted request and never the secret', async () => {
    const view = await send({
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
    const view = await send({
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
    const sending = code(send({ requestId: 'r3', serviceId, credentialId, request: { method: 'GET', url: '/hang' } }));
    await expect.poll(() => server.seen.some((r) => r.url === '/hang')).toBe(true);
    expect(app.requests.cancel('r3')).toEqual({ cancelled: true });
    expect(await sending).toBe('ERR_CANCELLED');
    expect(app.requests.cancel('r3')).toEqual({ cancelled: false });
  });

  it('history is per service, newest first, kept encrypted in the vault, without secrets', async () => {
    const rows = await history(serviceId);
    expect(rows.map((h) => h.outcome.status)).toEqual([null, 200, 200]);
    expect(rows[0]?.outcome.error).toBe('ERR_CANCELLED');
    expect(rows[2]?.request.url).toBe(`/v1/${PATH_MARK}`);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(await history(null)).toEqual([]);
    const file = readFileSync(join(dir, 'vault.latch'));
    expect(file.includes(Buffer.from(PATH_MARK))).toBe(false);
    expect(file.includes(Buffer.from(SECRET))).toBe(false);
  });

  it(`history keeps the last ${HISTORY_LIMIT} and cuts long bodies at 64 KiB`, async () => {
    const big = JSON.stringify({ pad: 'é'.repeat(40_000) });
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) {
      await send({
        requestId: `bulk${i}`,
        serviceId,
        request: {
          method: 'POST',
          url: `/bulk/${i}`,
          body: { kind: 'json', text: i === HISTORY_LIMIT + 2 ? big : '{}' },
        },
      });
    }
    const rows = await history(serviceId);
    expect(rows).toHaveLength(HISTORY_LIMIT);
    expect(rows[0]?.request.url).toBe(`/bulk/${HISTORY_LIMIT + 2}`);
    expect(rows[0]?.bodyCut).toBe(true);
    const body = rows[0]?.request.body;
    expect(Buffer.byteLength(body?.kind === 'json' ? (body.text ?? '') : '')).toBeLessThanOrEqual(64 * 1024);
    expect(body?.kind).toBe('json');
    expect(rows.at(-1)?.request.url).toBe('/bulk/3');
  }, 60_000);

  it('copy as cURL goes to the clipboard, redacted unless asked; nothing secret comes back', async () => {
    const request = { method: 'GET', url: '/copy' };
    const plain = await app.requests.copyAs({
      serviceId,
      credentialId,
      request,
      format: 'curl',
      includeSecrets: false,
    });
    expect(clipboard.text).toContain('Authorization: Bearer [redacted]');
    expect(clipboard.text).toContain(`${server.url}/copy`);
    expect(JSON.stringify(plain)).not.toContain(SECRET);
    const withSecrets = await app.requests.copyAs({
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
    const { id } = await app.requests.save({
      serviceId,
      credentialId,
      name: 'List orders',
      request: { method: 'GET', url: '/v1/orders' },
    });
    expect(((await app.requests.saved(serviceId)) as { name: string }[]).map((s) => s.name)).toEqual(['List orders']);
    await app.requests.deleteSaved(serviceId, id);
    expect(await app.requests.saved(serviceId)).toEqual([]);
    expect(await code(app.requests.deleteSaved(serviceId, id))).toBe('ERR_NOT_FOUND');

    await app.requests.save({ serviceId, name: 'Keep', request: { method: 'GET', url: '/' } });
    await app.credentials.deleteService(serviceId);
    // The history goes in the background, after the delete's change event.
    await expect.poll(() => app.requests.saved(serviceId)).toEqual([]);
    expect(await history(serviceId)).toEqual([]);
  });
});
