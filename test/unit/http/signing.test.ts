import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyAwsSigV4,
  applyHmac,
  buildWireRequest,
  getHeader,
  HttpRequest,
  type HttpRequestInput,
  redactSent,
  sentFrom,
  type WireRequest,
  withDefaultHeaders,
} from '../../../main/core/http';
import { AwsSigV4Fields, HmacFields } from '../../../main/core/model/credential';

const wire = (r: HttpRequestInput): WireRequest => withDefaultHeaders(buildWireRequest(HttpRequest.parse(r)));

describe('AWS SigV4 (@smithy) against the AWS test suite', () => {
  it('get-vanilla: signature 5fa00fa3… for GET / with host and x-amz-date', async () => {
    const req: WireRequest = {
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: [{ name: 'Host', value: 'example.amazonaws.com' }],
      body: null,
      bodyKind: 'none',
      redaction: { headers: [], queryParams: [], bodyFields: [], values: [] },
    };
    const fields = AwsSigV4Fields.parse({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'service',
    });
    const signed = await applyAwsSigV4(req, fields, { now: () => Date.UTC(2015, 7, 30, 12, 36, 0) });
    expect(getHeader(signed.headers, 'x-amz-date')).toBe('20150830T123600Z');
    expect(getHeader(signed.headers, 'authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    // The signature is hidden in the redacted copy, the rest of the header stays readable.
    const shown = redactSent(sentFrom(signed), signed.redaction);
    expect(getHeader(shown.headers, 'authorization')).toMatch(/Credential=AKIDEXAMPLE\/.*Signature=\[redacted\]$/);
  });

  it('session token and unsigned payload (S3)', async () => {
    const fields = AwsSigV4Fields.parse({
      accessKeyId: 'AKID',
      secretAccessKey: 'SECRET',
      sessionToken: 'SESSION-TOKEN-VALUE',
      region: 'eu-west-1',
      service: 's3',
      unsignedPayload: true,
    });
    const signed = await applyAwsSigV4(
      wire({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: { kind: 'raw', text: 'x' } }),
      fields,
      {
        now: () => Date.UTC(2024, 0, 1),
      },
    );
    expect(getHeader(signed.headers, 'x-amz-security-token')).toBe('SESSION-TOKEN-VALUE');
    expect(getHeader(signed.headers, 'x-amz-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(getHeader(signed.headers, 'authorization')).toMatch(
      /SignedHeaders=[^,]*x-amz-content-sha256[^,]*x-amz-security-token/,
    );
    const shown = redactSent(sentFrom(signed), signed.redaction);
    expect(JSON.stringify(shown)).not.toContain('SESSION-TOKEN-VALUE');
  });
});

/**
 * AWS's documented S3 examples ("Examples: Signature Calculations in AWS Signature Version 4",
 * header-based auth, 2013-05-24, examplebucket), and keys with reserved characters cross-checked
 * with botocore's S3SigV4Auth (python3-botocore), whose signatures are pasted here.
 */
describe('AWS SigV4 for S3: the path is signed and sent encoded once', () => {
  const s3 = AwsSigV4Fields.parse({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    service: 's3',
  });
  const at = { now: () => Date.UTC(2013, 4, 24) };
  const req = (method: string, url: string, headers: [string, string][], body?: string): WireRequest => ({
    method,
    url: new URL(url),
    headers: [['Host', 'examplebucket.s3.amazonaws.com'] as [string, string], ...headers].map(([name, value]) => ({
      name,
      value,
    })),
    body: body === undefined ? null : Buffer.from(body),
    bodyKind: body === undefined ? 'none' : 'raw',
    redaction: { headers: [], queryParams: [], bodyFields: [], values: [] },
  });
  const signature = async (r: WireRequest) => {
    const signed = await applyAwsSigV4(r, s3, at);
    return { signed, auth: getHeader(signed.headers, 'authorization') ?? '' };
  };

  it('GET Object (Range): f0e8bdb8…', async () => {
    const { auth } = await signature(
      req('GET', 'https://examplebucket.s3.amazonaws.com/test.txt', [['Range', 'bytes=0-9']]),
    );
    expect(auth).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT Object with key test$file.text: the path is /test%24file.text, as in AWS’s example (98ad7217…)', async () => {
    const { signed, auth } = await signature(
      req(
        'PUT',
        'https://examplebucket.s3.amazonaws.com/test$file.text',
        [['x-amz-storage-class', 'REDUCED_REDUNDANCY']],
        'Welcome to Amazon S3.',
      ),
    );
    expect(signed.url.pathname).toBe('/test%24file.text');
    // botocore signs the same request (its serializer hands it the key encoded once) with 1ee3a9a7…
    expect(auth).toMatch(/Signature=1ee3a9a719bf9cd67d34043a52b3d1f8b674e378dc99c0748019b43f49b5b9bb$/);
    // AWS's example also signs a Date header, which the SDK's signer never signs (x-amz-date
    // replaces it); so rebuild AWS's canonical request around the path we send, with node:crypto,
    // and get AWS's published signature.
    const payload = createHash('sha256').update('Welcome to Amazon S3.').digest('hex');
    const canonical = [
      'PUT',
      signed.url.pathname,
      '',
      'date:Fri, 24 May 2013 00:00:00 GMT',
      'host:examplebucket.s3.amazonaws.com',
      `x-amz-content-sha256:${payload}`,
      'x-amz-date:20130524T000000Z',
      'x-amz-storage-class:REDUCED_REDUNDANCY',
      '',
      'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
      payload,
    ].join('\n');
    const toSign = [
      'AWS4-HMAC-SHA256',
      '20130524T000000Z',
      '20130524/us-east-1/s3/aws4_request',
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
    const key = h(
      h(h(h('AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524'), 'us-east-1'), 's3'),
      'aws4_request',
    );
    expect(createHmac('sha256', key).update(toSign).digest('hex')).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('GET Bucket lifecycle and List Objects: fea454ca…, 34b48302…', async () => {
    const life = await signature(req('GET', 'https://examplebucket.s3.amazonaws.com/?lifecycle', []));
    const list = await signature(req('GET', 'https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J', []));
    expect(life.auth).toMatch(/Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543$/);
    expect(list.auth).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  it('a key with spaces, ( ) @ = * $ and UTF-8 is signed as botocore signs it, and goes out encoded once', async () => {
    const { signed, auth } = await signature(
      req('PUT', 'https://examplebucket.s3.amazonaws.com/my key (1)@=*$/café.txt', [], 'x'),
    );
    expect(auth).toMatch(/Signature=680da12966d739d77c83a6d7d759adeeef6de855c6e269288282a3649e03aa21$/);
    expect(signed.url.pathname).toBe('/my%20key%20%281%29%40%3D%2A%24/caf%C3%A9.txt');
  });

  it('an already-encoded key is not encoded twice; other services keep the double encoding', async () => {
    const once = await signature(req('GET', 'https://examplebucket.s3.amazonaws.com/a%20b%24', []));
    expect(once.signed.url.pathname).toBe('/a%20b%24');
    const apigw = await applyAwsSigV4(
      req('GET', 'https://examplebucket.s3.amazonaws.com/a%20b', []),
      { ...s3, service: 'execute-api' },
      at,
    );
    expect(apigw.url.pathname).toBe('/a%20b');
  });
});

/** An independent HMAC verifier, written from docs/credentials.md, not from the production code. */
function expectedTimestampHeaderSignature(
  method: string,
  url: URL,
  body: Buffer,
  ts: string,
  secret: string,
  alg: string,
  enc: 'hex' | 'base64',
) {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const canonical = [method, url.pathname, url.search.slice(1), bodyHash, ts].join('\n');
  return createHmac(alg, secret).update(canonical).digest(enc);
}

const recipeFor = (hash: string, encoding = 'hex') =>
  `digest=hmac-${hash}\nsign=method "\\n" path "\\n" query "\\n" body-hash "\\n" timestamp\nencoding=${encoding}\nkey-id=header:X-Key-Id\ntimestamp=header:X-Timestamp\nsignature=header:X-Signature`;

describe('HMAC recipes', () => {
  const clock = { now: () => 1_700_000_000_123 };

  it.each(['sha1', 'sha256', 'sha384', 'sha512'] as const)('the timestamp-headers layout with %s', (hash) => {
    const f = HmacFields.parse({ keyId: 'key-1', secret: 's3cr3t', preset: 'custom', recipe: recipeFor(hash) });
    const req = wire({
      method: 'post',
      url: 'https://api.test/v1/orders?b=2&a=1',
      body: { kind: 'json', text: '{"q":1}' },
    });
    const signed = applyHmac(req, f, clock);
    expect(getHeader(signed.headers, 'X-Timestamp')).toBe('1700000000');
    expect(getHeader(signed.headers, 'X-Key-Id')).toBe('key-1');
    expect(getHeader(signed.headers, 'X-Signature')).toBe(
      expectedTimestampHeaderSignature(
        'POST',
        new URL('https://api.test/v1/orders?b=2&a=1'),
        Buffer.from('{"q":1}'),
        '1700000000',
        's3cr3t',
        hash,
        'hex',
      ),
    );
  });

  it('custom parts, base64, and no key id header without a key id', () => {
    const f = HmacFields.parse({
      secret: 'k',
      recipe: 'sign=timestamp "\\n" method; encoding=base64; timestamp=header:X-Timestamp; signature=header:Sig',
      preset: 'custom',
    });
    const signed = applyHmac(wire({ method: 'GET', url: 'https://api.test/x' }), f, clock);
    expect(getHeader(signed.headers, 'Sig')).toBe(createHmac('sha256', 'k').update('1700000000\nGET').digest('base64'));
    expect(getHeader(signed.headers, 'X-Key-Id')).toBeUndefined();
  });

  it('sorted-query: signs the sorted, RFC 3986 encoded query; the signature is redacted', () => {
    const f = HmacFields.parse({ keyId: 'K 1', secret: 'qs-secret', preset: 'sorted-query' });
    const signed = applyHmac(wire({ method: 'GET', url: 'https://api.test/x?zeta=1&alpha=b c&alpha=a' }), f, clock);
    const expectedCanonical = `alpha=a&alpha=b%20c&keyId=K%201&timestamp=1700000000&zeta=1`;
    const sig = createHmac('sha256', 'qs-secret').update(expectedCanonical).digest('hex');
    expect(signed.url.searchParams.get('signature')).toBe(sig);
    expect(signed.url.search.endsWith(`&signature=${sig}`)).toBe(true);
    const shown = redactSent(sentFrom(signed), signed.redaction);
    expect(shown.url).toContain('signature=%5Bredacted%5D');
    expect(shown.url).not.toContain(sig);
  });
});
