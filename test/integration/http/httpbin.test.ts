import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEngine, getHeader, type HttpEngine, type HttpResponse } from '../../../main/core/http';
import { ApiKeyFields } from '../../../main/core/model/credential';
import { isLatchError } from '../../../main/core/model/errors';
import { type HttpbinPeer, startHttpbin } from '../../peers/httpbin';

let hb: HttpbinPeer;
let engine: HttpEngine;

beforeAll(async () => {
  hb = await startHttpbin();
  engine = createHttpEngine();
});
afterAll(async () => {
  engine?.close();
  await hb?.stop();
});

const json = (r: HttpResponse): Record<string, unknown> => {
  if (r.body.kind !== 'text') throw new Error(`expected a text body, got ${r.body.kind}`);
  return JSON.parse(r.body.text) as Record<string, unknown>;
};
const seenHeaders = (r: HttpResponse) => json(r).headers as Record<string, string>;

describe('auth against httpbin', () => {
  it('Basic: /basic-auth/u/p accepts the right password, refuses a wrong one', async () => {
    const ok = await engine.send(
      { method: 'GET', url: `${hb.url}/basic-auth/u/p` },
      { auth: { kind: 'basic', fields: { username: 'u', password: 'p' } } },
    );
    expect(ok.status).toBe(200);
    expect(json(ok)).toEqual({ authenticated: true, user: 'u' });
    expect(getHeader(ok.sentRedacted.headers, 'authorization')).toBe('Basic [redacted]');
    const bad = await engine.send(
      { method: 'GET', url: `${hb.url}/basic-auth/u/p` },
      { auth: { kind: 'basic', fields: { username: 'u', password: 'nope' } } },
    );
    expect(bad.status).toBe(401);
  });

  it.each(['MD5', 'SHA-256', 'SHA-512'])(
    'Digest %s: challenge, answer, then nc=2 on the same nonce without a 401',
    async (alg) => {
      const e = createHttpEngine();
      try {
        const auth = { kind: 'digest' as const, fields: { username: 'u', password: 'p' } };
        const url = `${hb.url}/digest-auth/auth/u/p/${alg}`;
        const first = await e.send({ method: 'GET', url }, { auth });
        expect(first.status).toBe(200);
        expect(json(first)).toEqual({ authenticated: true, user: 'u' });
        const authz = getHeader(first.sent.headers, 'authorization') ?? '';
        expect(authz).toContain(`algorithm=${alg}`);
        expect(authz).toContain('nc=00000001');
        expect(authz).toContain('qop=auth');
        const second = await e.send({ method: 'GET', url }, { auth });
        expect(second.status).toBe(200);
        expect(getHeader(second.sent.headers, 'authorization')).toContain('nc=00000002');
      } finally {
        e.close();
      }
    },
  );

  it('Digest -sess: httpbin offers no -sess variant (it falls back to MD5), so the MD5 challenge is answered', async () => {
    const r = await engine.send(
      { method: 'GET', url: `${hb.url}/digest-auth/auth/u/p/MD5-sess` },
      { auth: { kind: 'digest', fields: { username: 'u', password: 'p' } } },
    );
    expect(r.status).toBe(200);
    expect(getHeader(r.sent.headers, 'authorization')).toContain('algorithm=MD5,');
  });

  it('Digest with a wrong password ends in 401', async () => {
    const r = await engine.send(
      { method: 'GET', url: `${hb.url}/digest-auth/auth/u/p/SHA-256` },
      { auth: { kind: 'digest', fields: { username: 'u', password: 'wrong' } } },
    );
    expect(r.status).toBe(401);
  });

  it('API key in a header (seen by /headers) and in the query (seen by /get)', async () => {
    const h = await engine.send(
      { method: 'GET', url: `${hb.url}/headers` },
      { auth: { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'key-abc-123', header: 'X-Api-Key' }) } },
    );
    expect(seenHeaders(h)['X-Api-Key']).toBe('key-abc-123');
    expect(getHeader(h.sentRedacted.headers, 'x-api-key')).toBe('[redacted]');
    const q = await engine.send(
      { method: 'GET', url: `${hb.url}/get`, query: [{ name: 'page', value: '2' }] },
      { auth: { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'q key/+', query: 'api_key' }) } },
    );
    expect(json(q).args).toEqual({ page: '2', api_key: 'q key/+' });
    expect(q.sentRedacted.url).toBe(`${hb.url}/get?page=2&api_key=%5Bredacted%5D`);
    expect(q.url).not.toContain('q+key');
  });

  it('Bearer token through /headers, unmangled', async () => {
    const token = 'eyJ.Bearer-abc_123~+/=';
    const r = await engine.send(
      { method: 'GET', url: `${hb.url}/headers` },
      { auth: { kind: 'bearer', fields: { token } } },
    );
    expect(seenHeaders(r).Authorization).toBe(`Bearer ${token}`);
  });

  it('sends exactly the headers it reports', async () => {
    const r = await engine.send({
      method: 'GET',
      url: `${hb.url}/headers`,
      headers: [{ name: 'X-Custom', value: 'v' }],
    });
    const seen = seenHeaders(r);
    for (const h of r.sent.headers) {
      const key = Object.keys(seen).find((k) => k.toLowerCase() === h.name.toLowerCase());
      // httpbin hides Connection (hop-by-hop); everything else must be there as sent.
      if (h.name.toLowerCase() !== 'connection') expect(key ? seen[key] : undefined).toBe(h.value);
    }
    expect(r.sent.requestLine).toBe('GET /headers HTTP/1.1');
  });
});

describe('transport', () => {
  it('follows /redirect/2 and records the chain; does not when told not to', async () => {
    const followed = await engine.send({ method: 'GET', url: `${hb.url}/redirect/2` });
    expect(followed.status).toBe(200);
    expect(followed.redirects.map((h) => h.status)).toEqual([302, 302]);
    expect(followed.url).toBe(`${hb.url}/get`);
    const stopped = await engine.send({ method: 'GET', url: `${hb.url}/redirect/2`, followRedirects: false });
    expect(stopped.status).toBe(302);
    expect(stopped.redirects).toEqual([]);
    expect(getHeader(stopped.headers, 'location')).toBeTruthy();
  });

  it.each([
    ['gzip', 'gzip', 'gzipped'],
    ['deflate', 'deflate', 'deflated'],
    ['brotli', 'br', 'brotli'],
  ])('decodes /%s', async (path, encoding, flag) => {
    const r = await engine.send({ method: 'GET', url: `${hb.url}/${path}` });
    expect(r.status).toBe(200);
    expect(getHeader(r.headers, 'content-encoding')).toBe(encoding);
    expect(json(r)[flag]).toBe(true);
    expect(r.size.wireBodyBytes).toBeGreaterThan(0);
    expect(r.size.bodyBytes).toBeGreaterThan(r.size.wireBodyBytes);
  });

  it('gives binary bodies as base64 with their type', async () => {
    const r = await engine.send({ method: 'GET', url: `${hb.url}/image/png` });
    expect(r.body.kind).toBe('base64');
    if (r.body.kind === 'base64') {
      expect(r.body.contentType).toBe('image/png');
      expect(Buffer.from(r.body.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('truncates at maxBodyBytes and says so', async () => {
    const r = await engine.send({ method: 'GET', url: `${hb.url}/bytes/50000`, maxBodyBytes: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.size.bodyBytes).toBe(1000);
  });

  it('parses Set-Cookie', async () => {
    const r = await engine.send({ method: 'GET', url: `${hb.url}/cookies/set?flavour=oat`, followRedirects: false });
    expect(r.cookies).toEqual([expect.objectContaining({ name: 'flavour', value: 'oat', path: '/' })]);
  });

  it('/delay/3 against a 1 s timeout is ERR_TIMEOUT', async () => {
    const t0 = Date.now();
    try {
      await engine.send({ method: 'GET', url: `${hb.url}/delay/3`, timeoutMs: 1000 });
      expect.unreachable();
    } catch (e) {
      expect(isLatchError(e) && e.code).toBe('ERR_TIMEOUT');
    }
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('POST JSON round-trips through /anything', async () => {
    const r = await engine.send({
      method: 'POST',
      url: `${hb.url}/anything`,
      body: { kind: 'json', text: '{"a":[1,2]}' },
    });
    expect(json(r).json).toEqual({ a: [1, 2] });
    expect(seenHeaders(r)['Content-Type']).toBe('application/json');
  });
});
