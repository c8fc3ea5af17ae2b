/**
 * httpbin echoes the request back: whatever secret went out must come back masked in the view
 * that crosses the bridge (body, headers, cookies, timeline), and the view must say so. That holds
 * for what a signer derives from the secret too (an HMAC signature, SigV4's, a signed JWT): the
 * signatures below are checked by the test's own HMAC, written from the APIs' documentation.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEngine, type HttpEngine, type RequestAuth } from '../../../main/core/http';
import { AwsSigV4Fields, HmacFields, JwtSignerFields } from '../../../main/core/model/credential';
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

/** Every run of 64 hex digits in the view (a SHA-256 signature's shape), but the payload hash SigV4 also sends. */
const hex64 = (v: unknown, except: readonly string[] = []) =>
  (JSON.stringify(v).match(/[0-9a-f]{64}/g) ?? []).filter((h) => !except.includes(h));
const echoOf = (v: { body: { kind: string; text?: string } }) =>
  v.body.kind === 'text' ? (JSON.parse(v.body.text ?? '{}') as Echo) : ({} as Echo);
interface Echo {
  args: Record<string, string>;
  headers: Record<string, string>;
  url: string;
}
/** The verifier's own HMAC, from the API's documentation (Binance: over the query as sent; Coinbase: timestamp + method + path + body). */
const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

describe('a derived token or signature is masked too (body, headers, timeline)', () => {
  const secret = 'hmac-secret-for-the-echo-77';

  it('an HMAC recipe signature in the query (Binance), through a redirect: args, url and the timeline', async () => {
    const auth = {
      kind: 'hmac',
      fields: HmacFields.parse({ keyId: 'mbx-key-id', secret, preset: 'binance' }),
    } as const;
    // httpbin redirects to /anything (same origin: re-signed), which echoes the second request.
    const v = await view('/redirect-to?url=%2Fanything', auth);
    expect(v.status).toBe(200);
    expect(v.redirects).toHaveLength(1);
    const echo = echoOf(v);
    expect(echo.args.signature).toBe('[redacted]');
    const sent = hmacHex(secret, `timestamp=${echo.args.timestamp}`);
    expect(JSON.stringify(v)).not.toContain(sent);
    // The first hop's signature (another timestamp) is nowhere either: no SHA-256 in the view at all.
    expect(hex64(v)).toEqual([]);
    expect(v.masked).toBeGreaterThanOrEqual(2);
  });

  it('an HMAC recipe signature in a header (Coinbase) and in a templated header (Stripe-style), base64 too', async () => {
    const coinbase = await view('/anything', {
      kind: 'hmac',
      fields: HmacFields.parse({ keyId: 'cb-key', secret, preset: 'coinbase' }),
    });
    const cb = echoOf(coinbase);
    expect(cb.headers['Cb-Access-Sign']).toBe('[redacted]');
    expect(JSON.stringify(coinbase)).not.toContain(hmacHex(secret, `${cb.headers['Cb-Access-Timestamp']}GET/anything`));
    expect(hex64(coinbase)).toEqual([]);

    const stripe = await view('/anything', {
      kind: 'hmac',
      fields: HmacFields.parse({ secret, preset: 'stripe-webhook' }),
    });
    expect(echoOf(stripe).headers['Stripe-Signature']).not.toMatch(/v1=[0-9a-f]/);
    expect(hex64(stripe)).toEqual([]);

    const recipe =
      'digest=hmac-sha512\nsign=method path timestamp\nencoding=base64\ntime=s\ntimestamp=query:ts\nsignature=query:sig';
    const b64 = await view('/anything', {
      kind: 'hmac',
      fields: HmacFields.parse({ secret, preset: 'custom', recipe }),
    });
    const e = echoOf(b64);
    expect(e.args.sig).toBe('[redacted]');
    const sig = createHmac('sha512', secret).update(`GET/anything${e.args.ts}`).digest('base64');
    const text = JSON.stringify(b64);
    for (const form of [sig, encodeURIComponent(sig), sig.replace(/\+/g, ' ')]) expect(text).not.toContain(form);
  });

  it('a SigV4 Authorization signature (and the session token) is masked wherever httpbin echoes it', async () => {
    const v = await view('/anything', {
      kind: 'aws-sigv4',
      fields: AwsSigV4Fields.parse({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: 'session-token-echo-me-1234',
        region: 'us-east-1',
        service: 'execute-api',
      }),
    });
    const echo = echoOf(v);
    expect(echo.headers.Authorization).not.toMatch(/Signature=[0-9a-f]/);
    expect(JSON.stringify(v)).not.toContain('session-token-echo-me-1234');
    // The payload hash is not a secret (it is the empty body's SHA-256); no other SHA-256 may show.
    expect(hex64(v, [echo.headers['X-Amz-Content-Sha256'] ?? ''])).toEqual([]);
    expect(v.masked).toBeGreaterThan(0);
  });

  it("a JWT signer's token is masked in the echoed Authorization and body", async () => {
    const v = await view('/anything', {
      kind: 'jwt-signer',
      fields: JwtSignerFields.parse({ algorithm: 'HS256', key: 'jwt-shared-secret-long-enough-32b!', issuer: 'me' }),
    });
    const text = JSON.stringify(v);
    expect(echoOf(v).headers.Authorization).not.toMatch(/eyJ/);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(v.masked).toBeGreaterThan(0);
  });
});
