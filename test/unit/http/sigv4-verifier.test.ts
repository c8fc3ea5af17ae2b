/**
 * The test peers' SigV4 verifier (test/peers/sigv4-verify.ts, node:crypto only) against AWS's own published
 * values: the Signature Version 4 test suite (get-vanilla, get-vanilla-query-order-key-case,
 * post-x-www-form-urlencoded; key AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service") and the signing key
 * of the documentation's "derive a signing key" example.
 */
import { describe, expect, it } from 'vitest';
import { type ArrivedRequest, canonicalRequest, signingKey, stringToSign, verifySigV4 } from '../../peers/sigv4-verify';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const auth = (signed: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${signature}`;

const getVanilla: ArrivedRequest = {
  method: 'GET',
  path: '/',
  query: '',
  headers: {
    host: 'example.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
    authorization: auth('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  },
  body: Buffer.alloc(0),
};

describe("the peers' SigV4 verifier, from AWS's documentation and test suite", () => {
  it('derives the documented signing key (IAM example: 20120215, us-east-1, iam)', () => {
    expect(signingKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  it("get-vanilla: the suite's canonical request and string to sign, and its signature verifies", () => {
    const canonical = canonicalRequest(getVanilla, ['host', 'x-amz-date'], 'service');
    expect(canonical).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', canonical)).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n' +
        'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
    expect(verifySigV4(getVanilla, 'AKIDEXAMPLE', SECRET, 'service')).toEqual({ ok: true });
  });

  it('get-vanilla-query-order-key-case: the query is sorted before signing', () => {
    const req: ArrivedRequest = {
      ...getVanilla,
      query: 'Param2=value2&Param1=value1',
      headers: {
        ...getVanilla.headers,
        authorization: auth('host;x-amz-date', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'),
      },
    };
    expect(verifySigV4(req, 'AKIDEXAMPLE', SECRET, 'service')).toEqual({ ok: true });
  });

  it('post-x-www-form-urlencoded: the body hash and the content-type header are signed', () => {
    const req: ArrivedRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization: auth(
          'content-type;host;x-amz-date',
          'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
        ),
      },
      body: Buffer.from('Param1=value1'),
    };
    expect(verifySigV4(req, 'AKIDEXAMPLE', SECRET, 'service')).toEqual({ ok: true });
    expect(verifySigV4({ ...req, body: Buffer.from('Param1=value2') }, 'AKIDEXAMPLE', SECRET, 'service').ok).toBe(
      false,
    );
  });

  it('refuses another secret, another key id, another service, a changed header and an unsigned host', () => {
    expect(verifySigV4(getVanilla, 'AKIDEXAMPLE', `${SECRET}x`, 'service')).toMatchObject({ ok: false });
    expect(verifySigV4(getVanilla, 'AKIDOTHER', SECRET, 'service').reason).toMatch(/unknown access key/);
    expect(verifySigV4(getVanilla, 'AKIDEXAMPLE', SECRET, 'sts').reason).toMatch(/signed for service/);
    const moved = { ...getVanilla, headers: { ...getVanilla.headers, host: 'evil.example' } };
    expect(verifySigV4(moved, 'AKIDEXAMPLE', SECRET, 'service').ok).toBe(false);
    const hostless = {
      ...getVanilla,
      headers: { ...getVanilla.headers, authorization: auth('x-amz-date', '0'.repeat(64)) },
    };
    expect(verifySigV4(hostless, 'AKIDEXAMPLE', SECRET, 'service').reason).toMatch(/host and x-amz-date/);
  });
});
