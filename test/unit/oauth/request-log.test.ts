import { describe, expect, it } from 'vitest';
import { FlowRequestLog, loggingFetch, redactBody, redactHeaders, redactUrl } from '../../../main/core/oauth';

describe('flow request log redaction', () => {
  it('redacts secret query parameters and fragments', () => {
    const url = redactUrl('http://127.0.0.1:5000/callback?code=SECRET-CODE&state=abc&iss=x#access_token=TOKEN');
    expect(url).not.toContain('SECRET-CODE');
    expect(url).not.toContain('TOKEN');
    expect(url).toContain('state=abc');
    expect(url).toContain('code=%5Bredacted%5D');
  });

  it('redacts secret form fields', () => {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'C1',
      code_verifier: 'V1',
      client_secret: 'S1',
      client_assertion: 'A1',
      refresh_token: 'R1',
      client_id: 'app',
    });
    const out = redactBody(body) ?? '';
    for (const secret of ['C1', 'V1', 'S1', 'A1', 'R1']) expect(out).not.toContain(secret);
    expect(out).toContain('client_id=app');
    expect(out).toContain('grant_type=authorization_code');
  });

  it('redacts the Authorization header', () => {
    const h = redactHeaders({ Authorization: 'Basic c2VjcmV0', Accept: 'application/json' });
    expect(h.authorization).toBe('[redacted]');
    expect(h.accept).toBe('application/json');
  });

  it('records each exchange with status, duration and time, including failures', async () => {
    const log = new FlowRequestLog();
    const seen: string[] = [];
    const off = log.onEntry((e) => seen.push(e.url));
    const ok = loggingFetch(log, async () => new Response('{}', { status: 201 }), { now: () => 1000 });
    await ok('https://as.example/token', {
      method: 'POST',
      headers: { authorization: 'Basic eA==' },
      body: new URLSearchParams({ code: 'X' }),
    });
    const failing = loggingFetch(
      log,
      async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
      { now: () => 2000 },
    );
    await expect(failing('https://as.example/jwks', { method: 'GET' })).rejects.toThrow();
    off();
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]).toMatchObject({ method: 'POST', status: 201, at: 1000, requestBody: 'code=%5Bredacted%5D' });
    expect(log.entries[0]?.requestHeaders?.authorization).toBe('[redacted]');
    expect(log.entries[1]).toMatchObject({ method: 'GET', status: 0, at: 2000, error: 'ECONNREFUSED' });
    expect(seen).toHaveLength(2);
    expect(JSON.stringify(log.entries)).not.toContain('eA==');
  });
});
