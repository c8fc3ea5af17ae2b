import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatureAlgorithmOf } from '../../../main/core/audit/certificate-facts';
import { credentialChecks } from '../../../main/core/audit/credential-checks';
import { changeOneByte, queryVariant, wrongCredential } from '../../../main/core/audit/credential-variants';
import { answerKind, clockCheck, cookieChecks, headerChecks } from '../../../main/core/audit/header-checks';
import { hstsCheck, plainHttpCheck, tlsChecks } from '../../../main/core/audit/transport-checks';
import { parseSetCookie } from '../../../main/core/http';

const h = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
const ids = (cs: { id: string; status: string }[]) => Object.fromEntries(cs.map((c) => [c.id, c.status]));
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('audit checks', () => {
  it('reads the signature algorithm OID from the certificate DER', () => {
    const pem = readFileSync(join(import.meta.dirname, '../../fixtures/http/localhost-cert.pem'));
    expect(signatureAlgorithmOf(new X509Certificate(pem).raw)).toMatch(/^(ecdsa-with-SHA256|sha256WithRSAEncryption)$/);
    expect(signatureAlgorithmOf(new Uint8Array([0x30, 0x03, 0x02]))).toBe('unknown');
  });

  it('flags an old protocol, a short RSA key, SHA-1 and a certificate expiring within 30 days', () => {
    const cs = tlsChecks(
      {
        protocol: 'TLSv1',
        cipher: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
        trusted: true,
        trustError: null,
        chain: [],
        leaf: {
          subject: 'CN=a',
          issuer: 'CN=b',
          validFrom: '',
          validTo: 'Dec 20 2026',
          validToMs: NOW + 19 * 86_400_000,
          keyType: 'rsa',
          keyBits: 1024,
          curve: null,
          signatureAlgorithm: 'sha1WithRSAEncryption',
          hostMatches: false,
          selfSigned: false,
        },
      },
      NOW,
    );
    expect(ids(cs)).toEqual({
      'transport.tls-version': 'fail',
      'transport.cipher': 'warn',
      'transport.certificate-trusted': 'pass',
      'transport.host-name': 'fail',
      'transport.certificate-expiry': 'warn',
      'transport.certificate-key': 'fail',
      'transport.signature-algorithm': 'fail',
    });
  });

  it('reads HSTS max-age, includeSubDomains and preload', () => {
    const u = new URL('https://a.example');
    expect(hstsCheck(u, undefined).status).toBe('warn');
    expect(hstsCheck(u, 'max-age=300').status).toBe('warn');
    const good = hstsCheck(u, 'max-age=63072000; includeSubDomains; preload');
    expect(good.status).toBe('pass');
    expect(good.evidence).toMatchObject({ includeSubDomains: 'true', preload: 'true', maxAge: '63072000' });
    expect(hstsCheck(new URL('http://a.example'), 'max-age=1').status).toBe('skipped');
  });

  it('plain HTTP: fail to another host, warn on loopback', () => {
    expect(plainHttpCheck(new URL('http://api.example.com'), true).status).toBe('fail');
    expect(plainHttpCheck(new URL('http://127.0.0.1:8080'), true).status).toBe('warn');
    expect(plainHttpCheck(new URL('http://[::1]:8080'), true).status).toBe('warn');
  });

  it('asks browser headers of HTML pages only, and catches JSON labelled as HTML', () => {
    const json = headerChecks({
      headers: h({ 'content-type': 'application/json' }),
      kind: 'json',
      authenticated: true,
    });
    expect(ids(json)['headers.x-frame-options']).toBe('skipped');
    expect(ids(json)['headers.content-type']).toBe('warn');
    expect(ids(json)['headers.cache-control']).toBe('warn');
    const html = headerChecks({
      headers: h({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "frame-ancestors 'none'" }),
      kind: 'html',
      authenticated: false,
    });
    expect(ids(html)['headers.x-frame-options']).toBe('pass');
    expect(ids(html)['headers.referrer-policy']).toBe('warn');
    expect(answerKind(h({ 'content-type': 'text/html' }), '{"a":1}')).toBe('html');
    expect(answerKind(h({ 'content-type': 'text/plain' }), ' {"a":1}')).toBe('json');
    const lying = headerChecks({ headers: h({ 'content-type': 'text/html' }), kind: 'json', authenticated: false });
    expect(ids(lying)['headers.content-type']).toBe('fail');
  });

  it('fails a wildcard CORS origin with credentials', () => {
    const cs = headerChecks({
      headers: h({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' }),
      kind: 'json',
      authenticated: true,
    });
    expect(ids(cs)['headers.cors']).toBe('fail');
  });

  it('checks every Set-Cookie for Secure, HttpOnly and SameSite', () => {
    const cookies = ['a=1; Secure; HttpOnly; SameSite=Lax', 'b=2; SameSite=None'].map((v) => parseSetCookie(v)!);
    expect(ids(cookieChecks(cookies))).toEqual({
      'cookies.secure': 'fail',
      'cookies.httponly': 'warn',
      'cookies.samesite': 'warn',
    });
  });

  it('measures clock skew against the request window', () => {
    const d = (ms: number) => new Date(ms).toUTCString();
    expect(clockCheck(d(NOW), NOW - 200, NOW).status).toBe('pass');
    expect(clockCheck(d(NOW + 60_000), NOW - 200, NOW).status).toBe('warn');
    expect(clockCheck(d(NOW - 400_000), NOW - 200, NOW).status).toBe('fail');
    expect(clockCheck(undefined, NOW, NOW).status).toBe('warn');
  });

  it('flags alg none, short HS secrets and short RSA keys', () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    const at = (c: ReturnType<typeof credentialChecks>) =>
      c.find((x) => x.id === 'authentication.jwt-algorithm')?.status;
    expect(at(credentialChecks({ kind: 'bearer', fields: { token: none } }, NOW))).toBe('fail');
    expect(
      at(
        credentialChecks(
          { kind: 'jwt-signer', fields: { algorithm: 'HS256', key: 'short', lifetimeSeconds: 300 } },
          NOW,
        ),
      ),
    ).toBe('fail');
    expect(
      at(
        credentialChecks(
          { kind: 'jwt-signer', fields: { algorithm: 'HS256', key: 'x'.repeat(32), lifetimeSeconds: 300 } },
          NOW,
        ),
      ),
    ).toBe('pass');
    const rsa1024 = readFileSync(join(import.meta.dirname, '../../fixtures/jwt/rsa1024-weak.pem'), 'utf8');
    expect(
      at(
        credentialChecks(
          { kind: 'jwt-signer', fields: { algorithm: 'RS256', key: rsa1024, lifetimeSeconds: 300 } },
          NOW,
        ),
      ),
    ).toBe('fail');
  });

  it('OAuth: a token living longer than a day is flagged; scopes are shown', () => {
    const c = credentialChecks(
      {
        kind: 'oauth2',
        fields: {
          provider: 'custom',
          clientId: 'c',
          clientAuth: 'none',
          scopes: 'read',
          grant: 'client_credentials',
          redirectUri: '',
          tokens: {
            accessToken: 'opaque',
            tokenType: 'Bearer',
            scope: 'read write',
            obtainedAt: NOW,
            expiresAt: NOW + 7 * 86_400_000,
          },
        },
      },
      NOW,
    )[0];
    expect(c?.status).toBe('warn');
    expect(c?.evidence.scopes).toBe('read write');
  });

  it('changes exactly one character of the secret, and knows where a token would sit in a query', () => {
    expect(changeOneByte('abcdef')).not.toBe('abcdef');
    expect(changeOneByte('abcdef').length).toBe(6);
    expect([...changeOneByte('a1b2c3')].filter((c, i) => c !== 'a1b2c3'[i]).length).toBe(1);
    expect(wrongCredential({ kind: 'totp', fields: {} as never })).toBeNull();
    expect(queryVariant({ kind: 'bearer', fields: { token: 't' } })?.param).toBe('access_token');
  });
});
