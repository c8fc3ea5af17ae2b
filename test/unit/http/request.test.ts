import { describe, expect, it } from 'vitest';
import {
  applyAuth,
  buildWireRequest,
  getHeader,
  HttpRequest,
  type HttpRequestInput,
  redactSent,
  sentFrom,
  toCurl,
  toFetchCode,
  withDefaultHeaders,
} from '../../../main/core/http';
import { signJwt } from '../../../main/core/jwt';
import { ApiKeyFields, BearerFields, JwtSignerFields, TotpFields } from '../../../main/core/model/credential';
import { isLatchError } from '../../../main/core/model/errors';

const clock = { now: () => Date.UTC(2025, 0, 1) };
const wire = (r: HttpRequestInput) => withDefaultHeaders(buildWireRequest(HttpRequest.parse(r)));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isLatchError(e) ? `${e.code}:${e.detail?.field}` : 'other';
  }
  return 'none';
};

describe('request model and body', () => {
  it('builds URL with query rows, default headers, JSON body', () => {
    const w = wire({
      method: 'post',
      url: 'https://api.test/v1/items?x=1',
      query: [
        { name: 'page', value: '2' },
        { name: 'off', value: 'no', enabled: false },
      ],
      headers: [
        { name: 'X-Trace', value: 'a' },
        { name: 'X-Trace', value: 'b' },
      ],
      body: { kind: 'json', text: '{"a": 1}' },
    });
    expect(w.url.href).toBe('https://api.test/v1/items?x=1&page=2');
    expect(w.headers.map((h) => h.name)).toEqual([
      'Host',
      'X-Trace',
      'X-Trace',
      'Content-Type',
      'User-Agent',
      'Accept',
      'Accept-Encoding',
      'Connection',
      'Content-Length',
    ]);
    expect(getHeader(w.headers, 'content-length')).toBe('8');
  });

  it('says where invalid JSON breaks', () => {
    try {
      wire({ method: 'POST', url: 'http://h/', body: { kind: 'json', text: '{\n  "a": 1,\n}' } });
      expect.unreachable();
    } catch (e) {
      expect(isLatchError(e) && e.code).toBe('ERR_BAD_INPUT');
      expect(isLatchError(e) && e.message).toMatch(/line 3/);
    }
  });

  it('encodes form and multipart bodies', () => {
    const f = wire({
      method: 'POST',
      url: 'http://h/',
      body: { kind: 'form', fields: [{ name: 'a b', value: 'c&d' }] },
    });
    expect(f.body?.toString()).toBe('a+b=c%26d');
    const m = wire({
      method: 'POST',
      url: 'http://h/',
      body: {
        kind: 'multipart',
        fields: [{ name: 'note', value: 'hi' }],
        files: [{ name: 'f', filename: 'a.bin', data: new Uint8Array([0, 1]) }],
      },
    });
    const ct = getHeader(m.headers, 'content-type') ?? '';
    const boundary = ct.split('boundary=')[1];
    expect(m.body?.toString('latin1')).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n`,
    );
    expect(m.body?.toString('latin1')).toContain(
      `filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001\r\n--${boundary}--\r\n`,
    );
  });

  it('refuses bad URLs and header values', () => {
    expect(code(() => wire({ method: 'GET', url: 'ftp://h/' }))).toBe('ERR_BAD_INPUT:url');
    expect(
      code(() => wire({ method: 'GET', url: 'http://h/', headers: [{ name: 'X', value: 'a\r\nInjected: 1' }] })),
    ).toBe('ERR_BAD_INPUT:headers');
  });
});

describe('auth appliers', () => {
  it('api key in header with prefix, query, JSON body and form body — and redacted', async () => {
    const h = await applyAuth(
      wire({ method: 'GET', url: 'http://h/' }),
      { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'K-123456', header: 'Authorization', prefix: 'Token' }) },
      { clock },
    );
    expect(getHeader(h.headers, 'authorization')).toBe('Token K-123456');
    expect(getHeader(redactSent(sentFrom(h), h.redaction).headers, 'authorization')).toBe('Token [redacted]');

    const q = await applyAuth(
      wire({ method: 'GET', url: 'http://h/?a=1' }),
      { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'K/+=', query: 'key' }) },
      { clock },
    );
    expect(q.url.searchParams.get('key')).toBe('K/+=');
    expect(redactSent(sentFrom(q), q.redaction).url).toBe('http://h/?a=1&key=%5Bredacted%5D');

    const j = await applyAuth(
      wire({ method: 'POST', url: 'http://h/', body: { kind: 'json', text: '{"a":1}' } }),
      { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'KJSON', body: 'api_key' }) },
      { clock },
    );
    expect(JSON.parse(j.body?.toString() ?? '')).toEqual({ a: 1, api_key: 'KJSON' });
    expect(getHeader(j.headers, 'content-length')).toBe(String(j.body?.length));
    expect(JSON.stringify(redactSent(sentFrom(j), j.redaction))).not.toContain('KJSON');

    const f = await applyAuth(
      wire({ method: 'POST', url: 'http://h/', body: { kind: 'form', fields: [{ name: 'a', value: '1' }] } }),
      { kind: 'api-key', fields: ApiKeyFields.parse({ value: 'KFORM', body: 'k' }) },
      { clock },
    );
    expect(f.body?.toString()).toBe('a=1&k=KFORM');
  });

  it('bearer, basic, jwt-signer', async () => {
    const b = await applyAuth(
      wire({ method: 'GET', url: 'http://h/' }),
      { kind: 'bearer', fields: BearerFields.parse({ token: 'tok' }) },
      { clock },
    );
    expect(getHeader(b.headers, 'authorization')).toBe('Bearer tok');
    const basic = await applyAuth(
      wire({ method: 'GET', url: 'http://h/' }),
      { kind: 'basic', fields: { username: 'Aladdin', password: 'open sesame' } },
      { clock },
    );
    expect(getHeader(basic.headers, 'authorization')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    const fields = JwtSignerFields.parse({ algorithm: 'HS256', key: 'k'.repeat(32), issuer: 'me' });
    const j = await applyAuth(wire({ method: 'GET', url: 'http://h/' }), { kind: 'jwt-signer', fields }, { clock });
    const expected = await signJwt({
      algorithm: 'HS256',
      key: 'k'.repeat(32),
      issuer: 'me',
      lifetimeSeconds: 300,
      clock,
    });
    expect(getHeader(j.headers, 'authorization')).toBe(`Bearer ${expected.token}`);
  });

  it('TOTP and plain secrets cannot sign requests', async () => {
    await expect(
      applyAuth(
        wire({ method: 'GET', url: 'http://h/' }),
        { kind: 'totp', fields: TotpFields.parse({ secret: 'JBSWY3DPEHPK3PXP' }) },
        { clock },
      ),
    ).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    await expect(
      applyAuth(
        wire({ method: 'GET', url: 'http://h/' }),
        { kind: 'secret', fields: { name: 'n', value: 'v' } },
        { clock },
      ),
    ).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });

  it('oauth2 without a provider uses the stored token, or asks to sign in', async () => {
    const fields = {
      provider: 'x',
      clientId: 'c',
      clientAuth: 'none',
      scopes: '',
      grant: 'authorization_code',
      redirectUri: '',
    } as const;
    const ok = await applyAuth(
      wire({ method: 'GET', url: 'http://h/' }),
      {
        kind: 'oauth2',
        id: 'c1',
        fields: { ...fields, tokens: { accessToken: 'AT', tokenType: 'bearer', obtainedAt: 0 } },
      },
      { clock },
    );
    expect(getHeader(ok.headers, 'authorization')).toBe('Bearer AT');
    await expect(
      applyAuth(wire({ method: 'GET', url: 'http://h/' }), { kind: 'oauth2', id: 'c1', fields }, { clock }),
    ).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
  });
});

describe('copy as cURL and fetch', () => {
  it('redacts by default and quotes real values with includeSecrets', async () => {
    const w = await applyAuth(
      wire({
        method: 'PUT',
        url: 'https://api.test/a?q=1',
        headers: [{ name: 'X-Note', value: "it's" }],
        body: { kind: 'json', text: '{"msg":"it\'s"}' },
      }),
      { kind: 'bearer', fields: { token: "se'cret" } },
      { clock },
    );
    const prepared = {
      sent: sentFrom(w),
      redaction: w.redaction,
      followRedirects: true,
      verifyTls: false,
      timeoutMs: 5000,
    };
    const red = toCurl(prepared);
    expect(red).not.toContain('cret');
    expect(red).toContain(`-H 'Authorization: Bearer [redacted]'`);
    expect(red).toContain(`-X PUT 'https://api.test/a?q=1'`);
    expect(red).toContain(`-H 'X-Note: it'\\''s'`);
    expect(red).toContain('--compressed');
    expect(red).toContain('--insecure');
    const real = toCurl(prepared, { includeSecrets: true });
    expect(real).toContain(`-H 'Authorization: Bearer se'\\''cret'`);
    expect(real).toContain(`--data-raw '{"msg":"it'\\''s"}'`);

    const js = toFetchCode(prepared);
    expect(js).toContain('"Authorization": "Bearer [redacted]"');
    expect(js).toContain('method: "PUT"');
    expect(js).not.toContain('Content-Length');
    expect(toFetchCode(prepared, { includeSecrets: true })).toContain(`"Bearer se'cret"`);
  });
});
