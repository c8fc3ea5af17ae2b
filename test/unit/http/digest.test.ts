import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyDigest,
  buildWireRequest,
  type DigestChallenge,
  digestAuthorization,
  HttpRequest,
  parseWwwAuthenticate,
  pickDigestChallenge,
} from '../../../main/core/http';

// RFC 7616 §3.9.1
const rfc = {
  username: 'Mufasa',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  nc: 1,
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};
const challenge = (algorithm: DigestChallenge['algorithm']): DigestChallenge => ({
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  algorithm,
  qop: ['auth', 'auth-int'],
  stale: false,
  userhash: false,
});

describe('Digest (RFC 7616)', () => {
  it('§3.9.1 SHA-256 response', () => {
    const { response, header } = digestAuthorization({ ...rfc, challenge: challenge('SHA-256') });
    expect(response).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(header).toContain('qop=auth');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  });

  it('§3.9.1 MD5 response', () => {
    expect(digestAuthorization({ ...rfc, challenge: challenge('MD5') }).response).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    );
  });

  it.each([
    ['MD5-sess', 'md5'],
    ['SHA-256-sess', 'sha256'],
  ] as const)('%s per the RFC formula', (alg, h) => {
    const hash = (s: string) => createHash(h).update(s).digest('hex');
    const ha1 = hash(
      `${hash(`${rfc.username}:${challenge(alg).realm}:${rfc.password}`)}:${challenge(alg).nonce}:${rfc.cnonce}`,
    );
    const ha2 = hash(`GET:${rfc.uri}`);
    const expected = hash(`${ha1}:${challenge(alg).nonce}:00000001:${rfc.cnonce}:auth:${ha2}`);
    expect(digestAuthorization({ ...rfc, challenge: challenge(alg) }).response).toBe(expected);
  });

  it('parses a challenge and prefers the strongest algorithm', () => {
    const c = pickDigestChallenge([
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="n1", opaque="o"',
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="n2", opaque="o"',
      'Basic realm="x"',
    ]);
    expect(c).toMatchObject({ algorithm: 'SHA-256', nonce: 'n2', qop: ['auth', 'auth-int'] });
  });

  it('increments the nonce count on each use of the same nonce', () => {
    const session = { challenge: challenge('SHA-256'), nc: 0 };
    const req = buildWireRequest(HttpRequest.parse({ method: 'GET', url: 'http://h/dir/index.html' }));
    const a = applyDigest(req, { username: 'u', password: 'p' }, session);
    const b = applyDigest(req, { username: 'u', password: 'p' }, session);
    expect(a.headers.find((h) => h.name === 'Authorization')?.value).toContain('nc=00000001');
    expect(b.headers.find((h) => h.name === 'Authorization')?.value).toContain('nc=00000002');
    expect(session.nc).toBe(2);
  });
});

describe('WWW-Authenticate parsing', () => {
  it('splits challenges and reads quoted params with commas', () => {
    expect(
      parseWwwAuthenticate('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"'),
    ).toEqual([
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ]);
    expect(
      parseWwwAuthenticate(
        'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      ),
    ).toEqual([
      {
        scheme: 'Bearer',
        params: { realm: 'example', error: 'invalid_token', error_description: 'The access token expired' },
      },
    ]);
    expect(parseWwwAuthenticate(['Negotiate abc123==', 'Bearer'])).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc123==' },
      { scheme: 'Bearer', params: {} },
    ]);
  });
});
