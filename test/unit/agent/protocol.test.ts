import { describe, expect, it } from 'vitest';
import { parseGetReply, parseRequest } from '../../../main/core/agent/protocol';

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
});
