import { describe, expect, it } from 'vitest';
import { githubCompatFetch } from '../../../main/core/oauth';

describe('GitHub compatibility fetch', () => {
  it('asks for JSON', async () => {
    let accept = '';
    const f = githubCompatFetch(async (_url, init) => {
      accept = new Headers(init.headers).get('accept') ?? '';
      return Response.json({ access_token: 'a', token_type: 'bearer' });
    });
    await f('https://github.com/login/oauth/access_token', { method: 'POST', headers: {} });
    expect(accept).toBe('application/json');
  });

  it('turns a form-encoded answer into JSON, with numbers where RFC 8628 wants numbers', async () => {
    const f = githubCompatFetch(
      async () =>
        new Response(
          'device_code=d&user_code=ABCD-1234&verification_uri=https%3A%2F%2Fgithub.com%2Flogin%2Fdevice&expires_in=900&interval=5',
          {
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          },
        ),
    );
    const r = await f('https://github.com/login/device/code', { method: 'POST', headers: {} });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.json()).toEqual({
      device_code: 'd',
      user_code: 'ABCD-1234',
      verification_uri: 'https://github.com/login/device',
      expires_in: 900,
      interval: 5,
    });
  });

  it('turns an error reported with HTTP 200 into a 400, form or JSON', async () => {
    const form = githubCompatFetch(
      async () =>
        new Response('error=authorization_pending&error_description=wait', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
    );
    const r1 = await form('https://github.com/login/oauth/access_token', { method: 'POST', headers: {} });
    expect(r1.status).toBe(400);
    expect(await r1.json()).toMatchObject({ error: 'authorization_pending' });
    const json = githubCompatFetch(async () => Response.json({ error: 'bad_verification_code' }));
    const r2 = await json('https://github.com/login/oauth/access_token', { method: 'POST', headers: {} });
    expect(r2.status).toBe(400);
  });

  it('leaves good JSON answers alone', async () => {
    const f = githubCompatFetch(async () =>
      Response.json({ access_token: 'a', token_type: 'bearer', scope: 'repo,gist' }),
    );
    const r = await f('https://github.com/login/oauth/access_token', { method: 'POST', headers: {} });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ scope: 'repo,gist' });
  });
});
