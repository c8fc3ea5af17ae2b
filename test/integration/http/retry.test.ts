import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttemptRecord, createHttpEngine } from '../../../main/core/http';
import { isLatchError } from '../../../main/core/model/errors';
import { reply, reset, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';

let srv: ScriptedServer;
beforeAll(async () => {
  srv = await startScriptedServer();
});
afterAll(async () => {
  await srv?.close();
});

// A fresh engine per test: no pooled socket carries over between scripts.
async function withEngine<T>(
  deps: Parameters<typeof createHttpEngine>[0],
  f: (e: ReturnType<typeof createHttpEngine>) => Promise<T>,
) {
  const e = createHttpEngine(deps);
  try {
    return await f(e);
  } finally {
    e.close();
  }
}

describe('retries against a scripted local server', () => {
  it('429 with Retry-After: 1 waits about a second, then 200', async () => {
    srv.script(reply(429, { 'Retry-After': '1' }), reply(200, {}, 'done'));
    const timeline: AttemptRecord[] = [];
    const r = await withEngine({}, (e) =>
      e.send(
        { method: 'GET', url: `${srv.url}/limited` },
        { retry: { maxAttempts: 3 }, onAttempt: (a) => timeline.push(a) },
      ),
    );
    expect(r.status).toBe(200);
    expect(r.attempts.map((a) => a.outcome)).toEqual([429, 200]);
    expect(r.attempts[1]).toMatchObject({ waitMsBefore: 1000, reason: expect.stringContaining('Retry-After') });
    expect(timeline).toEqual(r.attempts);
    const gap = (srv.seen.at(-1)?.at ?? 0) - (srv.seen.at(-2)?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(2500);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    let clockNow = Date.parse('Wed, 21 Oct 2025 07:28:00 GMT');
    const waits: number[] = [];
    srv.script(reply(429, { 'Retry-After': 'Wed, 21 Oct 2025 07:28:02 GMT' }), reply(200));
    const r = await withEngine(
      {
        clock: { now: () => clockNow },
        sleep: async (ms) => {
          waits.push(ms);
          clockNow += ms;
        },
      },
      (e) => e.send({ method: 'GET', url: `${srv.url}/date` }, { retry: { maxAttempts: 2 } }),
    );
    expect(r.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  it('a Retry-After longer than the cap is not waited out', async () => {
    srv.script(reply(503, { 'Retry-After': '300' }));
    const r = await withEngine({}, (e) =>
      e.send({ method: 'GET', url: `${srv.url}/long` }, { retry: { maxAttempts: 3, maxRetryAfterMs: 120_000 } }),
    );
    expect(r.status).toBe(503);
    expect(r.attempts).toHaveLength(1);
    expect(r.retryNote).toMatch(/300 s/);
  });

  it('503 without Retry-After backs off with full jitter, then 200', async () => {
    const waits: number[] = [];
    srv.script(reply(503), reply(502), reply(200));
    const r = await withEngine({ random: () => 0.5, sleep: async (ms) => void waits.push(ms) }, (e) =>
      e.send(
        { method: 'GET', url: `${srv.url}/flaky` },
        { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 } },
      ),
    );
    expect(r.status).toBe(200);
    expect(waits).toEqual([50, 100]);
    expect(r.attempts.map((a) => a.outcome)).toEqual([503, 502, 200]);
  });

  it('a connection reset, then 200', async () => {
    srv.script(reset, reply(200, {}, 'after reset'));
    const r = await withEngine({ sleep: async () => {} }, (e) =>
      e.send({ method: 'GET', url: `${srv.url}/reset` }, { retry: { maxAttempts: 2 } }),
    );
    expect(r.status).toBe(200);
    expect(r.attempts.map((a) => a.outcome)).toEqual(['ECONNRESET', 200]);
  });

  it('a reset with no retries left is ERR_HTTP naming the cause', async () => {
    srv.script(reset, reset);
    try {
      await withEngine({ sleep: async () => {} }, (e) =>
        e.send({ method: 'GET', url: `${srv.url}/reset2` }, { retry: { maxAttempts: 2 } }),
      );
      expect.unreachable();
    } catch (e) {
      expect(isLatchError(e) && e.code).toBe('ERR_HTTP');
      expect(isLatchError(e) && e.detail).toMatchObject({ cause: 'ECONNRESET', attempts: 2 });
    }
  });

  it('an AbortSignal cancels during a Retry-After wait (ERR_CANCELLED)', async () => {
    srv.script(reply(429, { 'Retry-After': '5' }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    await expect(
      withEngine({}, (e) =>
        e.send({ method: 'GET', url: `${srv.url}/cancel` }, { retry: { maxAttempts: 3 }, signal: ac.signal }),
      ),
    ).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    expect(Date.now() - t0).toBeLessThan(2000);
    srv.script();
  });

  it('a body that stalls past the timeout is ERR_TIMEOUT; an abort mid-body is ERR_CANCELLED', async () => {
    srv.script((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    await expect(
      withEngine({}, (e) => e.send({ method: 'GET', url: `${srv.url}/stall`, timeoutMs: 300 })),
    ).rejects.toMatchObject({
      code: 'ERR_TIMEOUT',
      detail: { timeoutMs: 300 },
    });
    srv.script((_q, res) => {
      res.writeHead(200);
      res.write('x');
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    await expect(
      withEngine({}, (e) => e.send({ method: 'GET', url: `${srv.url}/stall2` }, { signal: ac.signal })),
    ).rejects.toMatchObject({
      code: 'ERR_CANCELLED',
    });
  });

  it('connection refused is ERR_HTTP with cause ECONNREFUSED', async () => {
    const closed = await startScriptedServer();
    const url = closed.url;
    await closed.close();
    await expect(withEngine({}, (e) => e.send({ method: 'GET', url }))).rejects.toMatchObject({
      code: 'ERR_HTTP',
      detail: { cause: 'ECONNREFUSED' },
    });
  });
});
