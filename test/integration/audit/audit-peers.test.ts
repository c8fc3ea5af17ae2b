import { afterEach, describe, expect, it } from 'vitest';
import { probeTls, runAudit } from '../../../main/core/audit';
import { abortableSleep, createHttpEngine, type RequestAuth } from '../../../main/core/http';
import type { AuditReport } from '../../../main/core/model/audit-report';
import { systemClock } from '../../../main/core/platform';
import { type ApiPeer, api, goodApi, type Handler, startApi, TOKEN } from './api-peer';

// Each peer below is the good API with one thing wrong; the audit must fail (or warn on) exactly that check.
const bearer: RequestAuth = { kind: 'bearer', fields: { token: TOKEN } };
let peer: ApiPeer | null = null;
afterEach(async () => {
  await peer?.close();
  peer = null;
});

async function audit(
  handler: Handler,
  options: { maxRequests?: number; rateProbe?: boolean } = {},
): Promise<AuditReport> {
  peer = await startApi(handler);
  const engine = createHttpEngine();
  try {
    return await runAudit(
      {
        url: peer.url,
        auth: bearer,
        reference: 'latch://api/token',
        rateProbeIntervalMs: 20,
        rateProbeTimeLimitMs: 10_000,
        ...options,
      },
      // The host decision is the app's (test/unit/app/audit-host-binding.test.ts): here every peer is the audited host.
      { engine, clock: systemClock, sleep: abortableSleep, probeTls, version: 'test', mayGo: () => undefined },
    );
  } finally {
    engine.close();
  }
}
const status = (r: AuditReport, id: string) => r.checks.find((c) => c.id === id)?.status;
const failing = (r: AuditReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);

describe('the auditor against local peers', () => {
  it('the good API over loopback HTTP: nothing fails, JSON is not asked for browser headers', async () => {
    const r = await audit(goodApi);
    expect(failing(r)).toEqual([]);
    expect(status(r, 'transport.https')).toBe('warn');
    expect(status(r, 'authentication.without-credential')).toBe('pass');
    expect(status(r, 'authentication.wrong-credential')).toBe('pass');
    expect(status(r, 'authentication.query-string')).toBe('pass');
    expect(status(r, 'authentication.challenge')).toBe('pass');
    for (const id of ['headers.x-frame-options', 'headers.content-security-policy', 'headers.referrer-policy'])
      expect(status(r, id)).toBe('skipped');
    expect(r.checks.some((c) => /it nosniff/.test(c.finding))).toBe(false);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(peer?.seen.length).toBe(r.requestsSent);
  });

  it('a server that answers without the credential fails authentication.without-credential', async () => {
    const r = await audit(api({ openToAll: true }));
    expect(failing(r)).toContain('authentication.without-credential');
    expect(failing(r)).toContain('authentication.wrong-credential');
  });

  it('a JSON API without X-Content-Type-Options is flagged in a plain sentence with a fix', async () => {
    const r = await audit(api({ omit: ['x-content-type-options'] }));
    const c = r.checks.find((x) => x.id === 'headers.x-content-type-options');
    expect(c?.status).toBe('warn');
    expect(c?.finding).toMatch(/^X-Content-Type-Options: nosniff is missing, so a browser may guess/);
    expect(c?.fix).toMatch(/nosniff/);
  });

  it('a cookie without Secure fails cookies.secure, naming the cookie but never its value', async () => {
    const r = await audit((req, res) => {
      res.setHeader('set-cookie', [
        'sid=s3cr3t-session-value; HttpOnly; SameSite=Lax',
        'pref=1; Secure; HttpOnly; SameSite=Strict',
      ]);
      goodApi(req, res);
    });
    expect(failing(r)).toEqual(['cookies.secure']);
    expect(r.checks.find((c) => c.id === 'cookies.secure')?.finding).toContain('sid');
    expect(JSON.stringify(r)).not.toContain('s3cr3t-session-value');
  });

  it('a server whose clock is 10 minutes ahead fails clock.skew', async () => {
    const r = await audit((req, res) => {
      res.sendDate = false;
      res.setHeader('date', new Date(Date.now() + 600_000).toUTCString());
      goodApi(req, res);
    });
    expect(failing(r)).toEqual(['clock.skew']);
    expect(r.checks.find((c) => c.id === 'clock.skew')?.evidence.skewSeconds).toMatch(/^59\d|^600$/);
  });

  describe('the rate-limit probe against 5 requests per 10 s', () => {
    const limited = (): Handler => {
      const times: number[] = [];
      return (req, res) => {
        const now = Date.now();
        while (times.length > 0 && (times[0] ?? 0) <= now - 10_000) times.shift();
        if (times.length >= 5) {
          const reset = Math.ceil(((times[0] ?? now) + 10_000 - now) / 1000);
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(reset),
            'ratelimit-limit': '5',
            'ratelimit-remaining': '0',
            'ratelimit-reset': String(reset),
          });
          res.end('{"error":"slow down"}');
          return;
        }
        times.push(now);
        goodApi(req, res);
      };
    };

    it('stops at the first 429 and reports the headers and where the limit was met', async () => {
      const r = await audit(limited(), { rateProbe: true, maxRequests: 20 });
      const c = r.checks.find((x) => x.id === 'rate-limit.probe');
      expect(c?.status).toBe('pass');
      expect(c?.evidence['ratelimit-limit']).toBe('5');
      expect(c?.evidence['retry-after']).toMatch(/^\d+$/);
      // 4 requests before the probe (with, without, wrong, in query), then 1 more allowed, then the 429.
      expect(peer?.seen.length).toBe(6);
      expect(r.requestsSent).toBe(6);
      expect(c?.evidence.requests).toBe('2');
    });

    it('never sends more than --max-requests, all to the one host', async () => {
      const r = await audit(limited(), { rateProbe: true, maxRequests: 3 });
      expect(peer?.seen.length).toBe(3);
      expect(r.requestsSent).toBe(3);
      expect(r.checks.find((x) => x.id === 'rate-limit.probe')?.status).toBe('warn');
    });

    it('is off by default: only the audit requests go out', async () => {
      const r = await audit(limited());
      expect(r.checks.find((x) => x.id === 'rate-limit.probe')?.status).toBe('skipped');
      expect(peer?.seen.length).toBe(4);
    });
  });

  it('plain HTTP to another host never carries the credential', async () => {
    const engine = createHttpEngine();
    try {
      // 192.0.2.0/24 is TEST-NET-1: nothing answers, and the credential must not even be tried.
      const r = await runAudit(
        {
          url: 'http://192.0.2.1:9/v1',
          auth: bearer,
          reference: 'latch://api/token',
          requestTimeoutMs: 300,
          maxRequests: 2,
        },
        {
          engine,
          clock: systemClock,
          sleep: abortableSleep,
          probeTls,
          version: 'test',
          mayGo: () => {
            throw new Error('asked where the credential may go, though it is not to be sent at all');
          },
        },
      );
      expect(status(r, 'transport.https')).toBe('fail');
      expect(status(r, 'authentication.without-credential')).toBe('skipped');
      expect(r.requestsSent).toBe(1);
    } finally {
      engine.close();
    }
  });
});
