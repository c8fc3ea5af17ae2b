/**
 * httpbin echoes the request back: whatever secret went out must come back masked in the view
 * that crosses the bridge (body, headers, cookies, timeline), and the view must say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEngine, type HttpEngine, type RequestAuth } from '../../../main/core/http';
import { systemClock } from '../../../main/core/platform';
import { toResponseView } from '../../../main/core/requests';
import { type HttpbinPeer, startHttpbin } from '../../peers/httpbin';

let httpbin: HttpbinPeer;
let engine: HttpEngine;
beforeAll(async () => {
  httpbin = await startHttpbin();
  engine = createHttpEngine();
}, 60_000);
afterAll(async () => {
  engine?.close();
  await httpbin?.stop();
});

const view = async (path: string, auth: RequestAuth, extra: Record<string, unknown> = {}) => {
  const r = await engine.send({ method: 'GET', url: `${httpbin.url}${path}`, ...extra }, { auth });
  return toResponseView('r1', r, systemClock);
};

describe('an echoed secret is masked before it crosses the bridge', () => {
  it('an API key in a header: /headers echoes it, the view shows [redacted] and counts it', async () => {
    const key = 'sk_live_echo_me_4242';
    const v = await view('/headers', { kind: 'api-key', fields: { value: key, header: 'X-Api-Key' } });
    expect(v.status).toBe(200);
    const text = JSON.stringify(v);
    expect(text).not.toContain(key);
    expect(v.body.kind === 'text' && JSON.parse(v.body.text).headers['X-Api-Key']).toBe('[redacted]');
    expect(v.masked).toBeGreaterThan(0);
  });

  it('a key in the query: echoed decoded in args and encoded in url, both masked', async () => {
    const key = 'key with/slash+plus "quote"';
    const v = await view('/anything', { kind: 'api-key', fields: { value: key, query: 'api_key' } });
    const text = JSON.stringify(v);
    expect(text).not.toContain('with/slash');
    expect(text).not.toContain(encodeURIComponent(key));
    const echoed = v.body.kind === 'text' ? JSON.parse(v.body.text) : {};
    expect(echoed.args.api_key).toBe('[redacted]');
    // httpbin re-encodes the query its own way (%2B becomes +): the run is decoded and still caught.
    expect(echoed.url).not.toMatch(/slash|quote/);
    expect(v.masked).toBeGreaterThanOrEqual(2);
  });

  it('Basic: the base64 in the echoed Authorization header is masked; a bearer token too', async () => {
    const basic = await view('/headers', { kind: 'basic', fields: { username: 'alice', password: 'pw-basic-secret' } });
    expect(JSON.stringify(basic)).not.toContain(Buffer.from('alice:pw-basic-secret').toString('base64'));
    const bearer = await view('/bearer', { kind: 'bearer', fields: { token: 'tok_abcdef123456' } });
    expect(bearer.status).toBe(200);
    expect(JSON.stringify(bearer)).not.toContain('tok_abcdef123456');
    expect(bearer.masked).toBeGreaterThan(0);
  });

  it('a secret the server sets as a response header or cookie is masked there too', async () => {
    const token = 'tok_cookie_echo_99';
    const v = await view(`/response-headers?X-Echo=${token}&Set-Cookie=session%3D${token}`, {
      kind: 'bearer',
      fields: { token },
    });
    expect(JSON.stringify(v)).not.toContain(token);
    expect(v.headers.find((h) => h.name.toLowerCase() === 'x-echo')?.value).toBe('[redacted]');
  });

  it('a response without an echo is untouched and says nothing was masked', async () => {
    const v = await view('/uuid', { kind: 'bearer', fields: { token: 'tok_not_echoed_1' } });
    expect(v.masked).toBe(0);
    expect(v.body.kind === 'text' && JSON.parse(v.body.text).uuid).toMatch(/^[0-9a-f-]{36}$/);
  });
});
