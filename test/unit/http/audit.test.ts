import { describe, expect, it } from 'vitest';
import { auditResponse, readRateLimit } from '../../../main/core/http';

const NOW = Date.UTC(2025, 4, 1, 10, 0, 0);
const clock = { now: () => NOW };
const H = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

describe('auditResponse', () => {
  it('does not ask a JSON API for browser headers, and says what is missing in plain sentences', () => {
    const a = auditResponse(
      {
        url: 'https://api.test/x',
        status: 200,
        headers: H({ 'Content-Type': 'application/json; charset=utf-8' }),
        tls: null,
      },
      clock,
    );
    const texts = a.findings.map((f) => f.text).join('\n');
    expect(texts).not.toMatch(/X-Frame-Options|Content-Security-Policy|Referrer-Policy/);
    expect(texts).not.toMatch(/it nosniff/);
    expect(texts).toMatch(/X-Content-Type-Options: nosniff is missing, so a browser may guess/);
    const page = auditResponse(
      { url: 'https://site.test/', status: 200, headers: H({ 'Content-Type': 'text/html; charset=utf-8' }), tls: null },
      clock,
    );
    expect(page.findings.some((f) => /clickjacking/.test(f.text))).toBe(true);
  });

  it('reports certificate, security headers, clock offset', () => {
    const a = auditResponse(
      {
        url: 'https://api.test/x',
        status: 200,
        headers: H({
          'Strict-Transport-Security': 'max-age=31536000',
          'X-Content-Type-Options': 'nosniff',
          Date: new Date(NOW + 90_000).toUTCString(),
        }),
        tls: {
          protocol: 'TLSv1.3',
          cipher: 'TLS_AES_128_GCM_SHA256',
          authorized: true,
          authorizationError: null,
          certificate: {
            subject: 'CN=api.test',
            issuer: 'CN=Test CA',
            validFrom: 'Jan  1 00:00:00 2025 GMT',
            validTo: 'May 10 10:00:00 2025 GMT',
            validToMs: Date.UTC(2025, 4, 10, 10),
            subjectAltName: 'DNS:api.test',
            fingerprint256: 'AA',
          },
        },
      },
      clock,
    );
    expect(a.https).toBe(true);
    expect(a.certificate).toMatchObject({
      subject: 'CN=api.test',
      issuer: 'CN=Test CA',
      daysLeft: 9,
      expired: false,
      trusted: true,
    });
    expect(a.securityHeaders.filter((s) => !s.present).map((s) => s.name)).toEqual([
      'X-Frame-Options',
      'Content-Security-Policy',
      'Referrer-Policy',
    ]);
    expect(a.clockOffsetMs).toBe(90_000);
    expect(a.findings.some((f) => f.level === 'warn' && /expires in 9 days/.test(f.text))).toBe(true);
    expect(a.findings.some((f) => /90 s ahead/.test(f.text))).toBe(true);
  });

  it('explains a Bearer invalid_token challenge and flags plain HTTP', () => {
    const a = auditResponse(
      {
        url: 'http://api.test/x',
        status: 401,
        headers: H({ 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token", error_description="expired"' }),
        tls: null,
      },
      clock,
    );
    expect(a.https).toBe(false);
    expect(a.challenges[0]).toMatchObject({ scheme: 'Bearer', params: { error: 'invalid_token', realm: 'api' } });
    expect(a.challenges[0]?.explanation).toMatch(/expired, revoked/);
    expect(a.findings[0]?.level).toBe('warn');
  });
});

describe('rate limit headers', () => {
  it('reads X-RateLimit-* with epoch reset, RateLimit-* with delta, structured RateLimit, Retry-After', () => {
    expect(
      readRateLimit(
        H({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 60) }),
        NOW,
      ),
    ).toMatchObject({
      limit: 60,
      remaining: 0,
      resetAt: NOW + 60_000,
    });
    expect(
      readRateLimit(H({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '42', 'RateLimit-Reset': '30' }), NOW),
    ).toMatchObject({
      limit: 100,
      remaining: 42,
      resetAt: NOW + 30_000,
    });
    expect(readRateLimit(H({ RateLimit: '"default";r=5;t=10', 'Retry-After': '7' }), NOW)).toMatchObject({
      remaining: 5,
      resetAt: NOW + 10_000,
      retryAfterMs: 7000,
    });
    expect(readRateLimit([], NOW)).toBeNull();
  });
});
