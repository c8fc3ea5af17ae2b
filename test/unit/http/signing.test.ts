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
