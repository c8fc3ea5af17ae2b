import { describe, expect, it } from 'vitest';
import { FlowRequestLog, loggingFetch, redactBody, redactHeaders, redactUrl } from '../../../main/core/oauth';
import { redactResponseBody } from '../../../main/core/oauth/request-log';

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

describe('the answer body in the log', () => {
  it('masks secret members at any depth, secret form fields, and tokens in text that is not whole JSON', () => {
    const json = redactResponseBody(
      JSON.stringify({ access_token: 'AT', nested: { refresh_token: 'RT', list: [{ id_token: 'IT' }] }, scope: 'api' }),
      'application/json; charset=utf-8',
    );
    for (const secret of ['"AT"', '"RT"', '"IT"']) expect(json).not.toContain(secret);
    expect(json).toContain('"scope": "api"');
    const form = redactResponseBody('access_token=gho_abc&token_type=bearer', 'application/x-www-form-urlencoded');
    expect(form).toBe('access_token=%5Bredacted%5D&token_type=bearer');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const cut = redactResponseBody(`{"device_code":"DC1","refresh_token":"RT\\"2","id":"${jwt}`, 'text/plain');
    for (const secret of ['DC1', 'RT', jwt]) expect(cut).not.toContain(secret);
    expect(redactResponseBody('<p>code=abc123&state=s</p>', 'text/html')).toBe('<p>code=[redacted]&state=s</p>');
  });

  it('an answer is failed at 400 and up, and at 200 when it names an OAuth error', async () => {
    const log = new FlowRequestLog();
    const answer = (status: number, body: string, type = 'application/json') =>
      loggingFetch(log, async () => new Response(body, { status, headers: { 'content-type': type } }));
    await answer(200, '{"access_token":"x"}')('https://as.example/token', { method: 'POST' });
    await answer(400, '{"error":"invalid_grant"}')('https://as.example/token', { method: 'POST' });
    await answer(
      200,
      'error=bad_verification_code',
      'application/x-www-form-urlencoded',
    )('https://gh.example/t', {
      method: 'POST',
    });
    expect(log.entries.map((e) => [e.status, e.outcome, e.oauthError])).toEqual([
      [200, 'ok', undefined],
      [400, 'failed', 'invalid_grant'],
      [200, 'failed', 'bad_verification_code'],
    ]);
    expect(log.entries.every((e) => Number.isInteger(e.durationMs))).toBe(true);
  });
});
