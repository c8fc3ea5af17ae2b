import { describe, expect, it } from 'vitest';
import { parseGetReply, parseRequest, parseResolveReply } from '../../../main/core/agent/protocol';

const line = (o: unknown) => JSON.stringify(o);

describe('the agent protocol, checked by hand on both sides', () => {
  it('accepts the four requests, a get only with a reference and an absolute vault path', () => {
    for (const op of ['key', 'status', 'lock'])
      expect(parseRequest(line({ op, token: 't' }))).toEqual({ op, token: 't' });
    const get = { op: 'get', token: 't', reference: 'latch://S/c', vault: '/home/u/v.latch' };
    expect(parseRequest(line(get))).toEqual(get);
    expect(parseRequest(line({ ...get, extra: 1 }))).toEqual(get);
  });

  it('refuses malformed requests: not JSON, an array, no token, an unknown op, a relative or missing path, overlong fields', () => {
    const get = { op: 'get', token: 't', reference: 'S/c', vault: '/v.latch' };
    for (const bad of [
      'not json',
      line([get]),
      line(null),
      line({ op: 'key' }),
      line({ op: 'key', token: 1 }),
      line({ op: 'sign', token: 't' }),
      line({ ...get, vault: 'v.latch' }), // the agent's working folder is not the client's
      line({ ...get, vault: undefined }),
      line({ ...get, vault: '' }),
      line({ ...get, reference: '' }),
      line({ ...get, reference: 5 }),
      line({ ...get, reference: 'x'.repeat(4097) }),
      line({ ...get, vault: `/${'x'.repeat(4096)}` }),
    ])
      expect(parseRequest(bad), bad.slice(0, 80)).toBeNull();
  });

  it("reads a get's answers and nothing else (an older agent, a stranger on the socket)", () => {
    const got = { service: 'S', credential: 'c', kind: 'api-key', field: 'value', value: 'v\n' };
    expect(parseGetReply(line({ ok: true, got, more: 1 }))).toEqual({ ok: true, got });
    expect(parseGetReply(line({ ok: true, got: { ...got, x: 1 } }))).toEqual({ ok: true, got });
    const failed = { ok: false, error: 'failed', code: 'ERR_NOT_FOUND', message: 'No service.' };
    expect(parseGetReply(line(failed))).toEqual(failed);
    for (const error of ['unavailable', 'forbidden', 'bad-request'])
      expect(parseGetReply(line({ ok: false, error }))).toEqual({ ok: false, error });
    for (const bad of [
      'not json',
      line({ ok: true, key: 'AAAA', expiresAt: 1 }), // a key answer is not a field
      line({ ok: true, got: { ...got, value: 1 } }),
      line({ ok: true, got: null }),
      line({ ok: 'yes', got }),
      line({ ok: false, error: 'failed', code: 'ERR_NOT_FOUND' }),
      line({ ok: false, error: 'something else' }),
      line([{ ok: true, got }]),
    ])
      expect(parseGetReply(bad), bad).toBeNull();
  });

  it("reads exec's resolve: a list of references, and answers of exactly that many values", () => {
    const resolve = { op: 'resolve', token: 't', references: ['latch://S/c', 'S/c/header'], vault: '/v.latch' };
    expect(parseRequest(line(resolve))).toEqual(resolve);
    for (const bad of [
      { ...resolve, references: [] },
      { ...resolve, references: 'S/c' },
      { ...resolve, references: ['S/c', ''] },
      { ...resolve, references: ['S/c', 7] },
      { ...resolve, references: ['x'.repeat(4097)] },
      { ...resolve, references: Array.from({ length: 1001 }, () => 'S/c') },
      { ...resolve, vault: 'v.latch' },
      { ...resolve, op: 'get' }, // a get names one reference
    ])
      expect(parseRequest(line(bad))).toBeNull();
    const values = [
      { value: 'v', secret: true },
      { value: '', secret: false },
    ];
    expect(parseResolveReply(line({ ok: true, values }), 2)).toEqual({ ok: true, values });
    const failed = { ok: false, error: 'failed', code: 'ERR_NOT_FOUND', message: 'No service.' };
    expect(parseResolveReply(line(failed), 2)).toEqual(failed);
    expect(parseResolveReply(line({ ok: false, error: 'unavailable' }), 2)).toEqual({
      ok: false,
      error: 'unavailable',
    });
    for (const bad of [
      line({ ok: true, values }), // with count 3 below
      line({ ok: true, values: [{ value: 'v' }, { value: 'w', secret: false }] }),
      line({
        ok: true,
        values: [
          { value: 1, secret: true },
          { value: 'w', secret: false },
        ],
      }),
      line({ ok: true, values: [null, { value: 'w', secret: false }] }),
      line({ ok: true, got: { value: 'v' } }),
      'not json',
    ])
      expect(parseResolveReply(bad, bad === line({ ok: true, values }) ? 3 : 2), bad).toBeNull();
  });
});
