import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditResponse, createHttpEngine, type HttpEngine } from '../../../main/core/http';
import { AwsSigV4Fields, HmacFields, JwtSignerFields } from '../../../main/core/model/credential';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { enc3986, header, verifierRig, verifying } from './verifier';

let rig: Awaited<ReturnType<typeof verifierRig>>;
let srv: ScriptedServer;
let engine: HttpEngine;
beforeAll(async () => {
  rig = await verifierRig();
  ({ srv, engine } = rig);
});
afterAll(() => rig?.close());

// ---- HMAC, as documented in docs/credentials.md (the timestamp-headers and sorted-query presets) ----
const hmacTimestampHeaders = (secret: string) => (req: IncomingMessage, body: Buffer) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const canonical = [
    req.method,
    u.pathname,
    u.search.slice(1),
    createHash('sha256').update(body).digest('hex'),
    header(req, 'x-timestamp'),
  ].join('\n');
  return (
    createHmac('sha256', secret).update(canonical).digest('hex') === header(req, 'x-signature') &&
    header(req, 'x-key-id') === 'kid-1'
  );
};

const hmacSortedQuery = (secret: string) => (req: IncomingMessage) => {
  const pairs = [...new URL(req.url ?? '/', 'http://x').searchParams.entries()];
  const sig = pairs.find(([k]) => k === 'signature')?.[1];
  const rest = pairs
    .filter(([k]) => k !== 'signature')
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const canonical = rest.map(([k, v]) => `${enc3986(k)}=${enc3986(v)}`).join('&');
  return sig === createHmac('sha512', secret).update(canonical).digest('base64');
};

// ---- SigV4, from the AWS documentation, with node:crypto only ----
function sigv4Valid(secret: string, req: IncomingMessage, body: Buffer): boolean {
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header(req, 'authorization'),
    );
  if (!m) return false;
  const [, , date, region, service, signedHeaders, signature] = m as unknown as string[];
  const u = new URL(req.url ?? '/', 'http://x');
  const canonicalUri = u.pathname
    .split('/')
    // S3 works on the object key (the decoded path) and encodes each segment once; other
    // services encode the path as received once more.
    .map((seg) => (service === 's3' ? enc3986(decodeURIComponent(seg)) : enc3986(seg)))
    .join('/');
  const query = [...u.searchParams.entries()]
    .map(([k, v]) => [enc3986(k), enc3986(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = (signedHeaders ?? '').split(';');
  const canonicalHeaders = names.map((n) => `${n}:${header(req, n).trim().replace(/\s+/g, ' ')}\n`).join('');
  const payloadHash = header(req, 'x-amz-content-sha256') || createHash('sha256').update(body).digest('hex');
  const canonicalRequest = [req.method, canonicalUri, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    header(req, 'x-amz-date'),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const h = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d).digest();
  const kSigning = h(h(h(h(`AWS4${secret}`, date ?? ''), region ?? ''), service ?? ''), 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex') === signature && names.includes('host');
}

describe('request signing verified by an independent server-side implementation', () => {
  it('HMAC timestamp-headers', async () => {
    srv.script(verifying(hmacTimestampHeaders('shh')));
    const r = await engine.send(
      { method: 'POST', url: `${srv.url}/orders?b=2&a=1`, body: { kind: 'json', text: '{"qty":3}' } },
      { auth: { kind: 'hmac', fields: HmacFields.parse({ secret: 'shh', keyId: 'kid-1' }) } },
    );
    expect(r.status).toBe(200);
  });

  it('HMAC sorted-query (sha512, base64)', async () => {
    srv.script(verifying(hmacSortedQuery('qq')));
    const r = await engine.send(
      { method: 'GET', url: `${srv.url}/list?z=last&a=first&a=0`, query: [{ name: 'sp ace', value: "it's" }] },
      {
        auth: {
          kind: 'hmac',
          fields: HmacFields.parse({
            secret: 'qq',
            keyId: 'k',
            preset: 'custom',
            recipe:
              'digest=hmac-sha512; sign=query:sorted; encoding=base64; key-id=query:keyId; timestamp=query:timestamp; signature=query:signature',
          }),
        },
      },
    );
    expect(r.status).toBe(200);
    expect(r.sentRedacted.url).toContain('signature=%5Bredacted%5D');
  });

  it.each([
    ['execute-api', false, 'GET', '/prod/items/a b', undefined],
    ['execute-api', false, 'POST', '/prod/items', '{"n":1}'],
    ['s3', true, 'PUT', '/bucket/key.txt', 'file body'],
    ['s3', false, 'PUT', "/bucket/my key (1)@=*$!',;:/café+.txt", 'file body'],
  ])('SigV4 %s (unsignedPayload=%s) %s %s', async (service, unsignedPayload, method, path, body) => {
    srv.script(verifying((req, b) => sigv4Valid('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', req, b)));
    const r = await engine.send(
      {
        method,
        url: `${srv.url}${path}`,
        query: [
          { name: 'x', value: '1 2' },
          { name: 'a', value: 'z' },
        ],
        ...(body ? { body: { kind: 'raw' as const, text: body, contentType: 'text/plain' } } : {}),
      },
      {
        auth: {
          kind: 'aws-sigv4',
          fields: AwsSigV4Fields.parse({
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
            sessionToken: 'SESSIONTOKEN',
            region: 'us-east-1',
            service,
            unsignedPayload,
          }),
        },
      },
    );
    expect(r.status).toBe(200);
    if (unsignedPayload) expect(srv.seen.at(-1)?.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(srv.seen.at(-1)?.headers['x-amz-security-token']).toBe('SESSIONTOKEN');
    expect(JSON.stringify(r.sentRedacted)).not.toContain('SESSIONTOKEN');
  });

  it('the verifiers do refuse a wrong secret (so the passes above mean something)', async () => {
    srv.script(
      verifying(hmacTimestampHeaders('other')),
      verifying((req, b) => sigv4Valid('other', req, b)),
    );
    const h = await engine.send(
      { method: 'GET', url: `${srv.url}/h` },
      { auth: { kind: 'hmac', fields: HmacFields.parse({ secret: 'shh', keyId: 'kid-1' }) } },
    );
    const a = await engine.send(
      { method: 'GET', url: `${srv.url}/a` },
      {
        auth: {
          kind: 'aws-sigv4',
          fields: AwsSigV4Fields.parse({ accessKeyId: 'A', secretAccessKey: 'S', region: 'r', service: 's' }),
        },
      },
    );
    expect([h.status, a.status]).toEqual([401, 401]);
  });

  it('a JWT minted per request, verified by jose on the server', async () => {
    const secret = 'jwt-secret-of-at-least-32-bytes!!';
    let claims: Record<string, unknown> = {};
    srv.script(async (req, res) => {
      const { payload } = await jwtVerify(
        header(req, 'authorization').replace(/^Bearer /, ''),
        new TextEncoder().encode(secret),
      );
      claims = payload;
      res.writeHead(200).end();
    });
    const r = await engine.send(
      { method: 'GET', url: `${srv.url}/me` },
      {
        auth: {
          kind: 'jwt-signer',
          fields: JwtSignerFields.parse({ algorithm: 'HS256', key: secret, issuer: 'latch', audience: 'api' }),
        },
      },
    );
    expect(r.status).toBe(200);
    expect(claims).toMatchObject({ iss: 'latch', aud: 'api' });
  });
});

describe('OAuth 2 token callback', () => {
  it('uses the token, refreshes once on 401, and retries', async () => {
    const calls: boolean[] = [];
    const e = createHttpEngine({
      getAccessToken: async (id, { forceRefresh }) => {
        expect(id).toBe('cred-1');
        calls.push(forceRefresh);
        return { accessToken: forceRefresh ? 'fresh' : 'stale', tokenType: 'bearer' };
      },
    });
    try {
      srv.script(
        (req, res) =>
          res
            .writeHead(header(req, 'authorization') === 'Bearer stale' ? 401 : 500, {
              'WWW-Authenticate': 'Bearer error="invalid_token"',
            })
            .end(),
        (req, res) => res.writeHead(header(req, 'authorization') === 'Bearer fresh' ? 200 : 500).end(),
      );
      const r = await e.send(
        { method: 'GET', url: `${srv.url}/oauth` },
        {
          auth: {
            kind: 'oauth2',
            id: 'cred-1',
            fields: {
              provider: 'custom',
              clientId: 'c',
              clientAuth: 'none',
              scopes: '',
              grant: 'client_credentials',
              redirectUri: '',
            },
          },
        },
      );
      expect(r.status).toBe(200);
      expect(calls).toEqual([false, true]);
    } finally {
      e.close();
    }
  });
});

describe('redirects and secrets', () => {
  it('drops Authorization when a redirect leaves the origin', async () => {
    const other = await startScriptedServer();
    try {
      srv.script(reply(302, { Location: `${other.url}/landed` }));
      const r = await engine.send(
        { method: 'GET', url: `${srv.url}/go` },
        { auth: { kind: 'bearer', fields: { token: 'TOPSECRET' } } },
      );
      expect(r.status).toBe(200);
      expect(srv.seen.at(-1)?.headers.authorization).toBe('Bearer TOPSECRET');
      expect(other.seen.at(-1)?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('TLS', () => {
  const tls = {
    key: readFileSync('test/fixtures/http/localhost-key.pem', 'utf8'),
    cert: readFileSync('test/fixtures/http/localhost-cert.pem', 'utf8'),
  };

  it('refuses a self-signed certificate unless verification is off; reports the certificate', async () => {
    const s = await startScriptedServer(tls);
    try {
      s.fallback = reply(200, { 'Strict-Transport-Security': 'max-age=60' }, 'secure');
      await expect(engine.send({ method: 'GET', url: s.url })).rejects.toMatchObject({
        code: 'ERR_HTTP',
        detail: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      });
      const r = await engine.send({ method: 'GET', url: s.url, verifyTls: false });
      expect(r.status).toBe(200);
      expect(r.tls?.certificate?.subject).toContain('CN=localhost');
      expect(r.tls?.authorized).toBe(false);
      expect(r.timing.tlsMs).not.toBeNull();
      const audit = auditResponse(r, { now: () => r.receivedAt });
      expect(audit.https).toBe(true);
      expect(audit.certificate).toMatchObject({ trusted: false, expired: false });
      expect(audit.securityHeaders[0]).toMatchObject({ name: 'Strict-Transport-Security', present: true });
    } finally {
      await s.close();
    }
  });
});
