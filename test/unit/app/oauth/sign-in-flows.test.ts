import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/app/events';
import { SignInFlows } from '../../../../main/app/oauth/sign-in-flows';
import { OAuth2Fields } from '../../../../main/core/model/credential';
import type { FetchLike } from '../../../../main/core/oauth';
import { until } from '../../../support/until';

const device = OAuth2Fields.parse({
  clientId: 'tv',
  grant: 'device_code',
  deviceAuthorizationEndpoint: 'https://as.example/device',
  tokenEndpoint: 'https://as.example/token',
});

/** The server's side, scripted: what each endpoint answers; the bodies sent are kept. */
function server(token: Record<string, unknown>) {
  const sent: { url: string; body: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, body: String(init.body ?? '') });
    if (url.endsWith('/device')) {
      return Response.json({
        device_code: 'DEV',
        user_code: 'ABCD-EFGH',
        verification_uri: 'https://as.example/activate',
        expires_in: 600,
        interval: 1,
      });
    }
    return Response.json(token);
  };
  return { fetch, sent };
}

/** A poll wait that ends only when the test says, or when the flow is cancelled. */
function heldSleep() {
  let release: () => void = () => undefined;
  let waiting = false;
  const sleep = (_ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      waiting = true;
      release = resolve;
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { sleep, release: () => release(), waiting: () => waiting };
}

describe('SignInFlows', () => {
  it('device code: the user code is shown (event and list) while it polls, and gone once tokens come', async () => {
    const events = new EventBus<Record<string, unknown>>();
    const heard: string[] = [];
    events.subscribe((name) => heard.push(String(name)));
    const flows = new SignInFlows({ opener: { open: async () => undefined }, events: events as never });
    const s = server({ access_token: 'AT', token_type: 'Bearer', expires_in: 60 });
    const held = heldSleep();
    const running = flows.run('svc', 'c1', device, { fetch: s.fetch, sleep: held.sleep });
    await until(held.waiting);
    expect(flows.isRunning('c1')).toBe(true);
    expect(flows.pendingDevices()).toMatchObject([{ credentialId: 'c1', userCode: 'ABCD-EFGH' }]);
    expect(heard).toEqual(['oauth.device']);
    held.release();
    expect((await running).accessToken).toBe('AT');
    expect(flows.pendingDevices()).toEqual([]);
    expect(flows.isRunning('c1')).toBe(false);
  });

  it('cancel ends a waiting flow with ERR_CANCELLED; a second sign-in cancels the first', async () => {
    const flows = new SignInFlows({ opener: { open: async () => undefined }, events: new EventBus() as never });
    const s = server({ access_token: 'AT', token_type: 'Bearer' });
    const first = heldSleep();
    const one = flows.run('svc', 'c1', device, { fetch: s.fetch, sleep: first.sleep });
    await until(first.waiting);
    const second = heldSleep();
    const two = flows.run('svc', 'c1', device, { fetch: s.fetch, sleep: second.sleep });
    await expect(one).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    await until(second.waiting);
    expect(flows.isRunning('c1')).toBe(true);
    flows.stopAll();
    await expect(two).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    expect(flows.pendingDevices()).toEqual([]);
  });

  it('client credentials: a new token is asked for; the stored one is never sent', async () => {
    const flows = new SignInFlows({ opener: { open: async () => undefined }, events: new EventBus() as never });
    const s = server({ access_token: 'AT-new', token_type: 'Bearer' });
    const config = OAuth2Fields.parse({
      clientId: 'machine',
      clientSecret: 'machine-secret',
      clientAuth: 'client_secret_post',
      grant: 'client_credentials',
      tokenEndpoint: 'https://as.example/token',
      tokens: { accessToken: 'AT-old', refreshToken: 'RT-old', tokenType: 'Bearer', obtainedAt: 0 },
    });
    const tokens = await flows.run('svc', 'c1', config, { fetch: s.fetch });
    expect(tokens.accessToken).toBe('AT-new');
    expect(s.sent.map((r) => r.body).join()).not.toMatch(/AT-old|RT-old/);
  });

  it('authorization code opens the user browser at the authorization endpoint', async () => {
    const opened: string[] = [];
    const flows = new SignInFlows({
      opener: {
        open: async (url) => {
          opened.push(url);
        },
      },
      events: new EventBus() as never,
    });
    const config = OAuth2Fields.parse({
      clientId: 'desk',
      authorizationEndpoint: 'https://as.example/authorize',
      tokenEndpoint: 'https://as.example/token',
    });
    const running = flows.run('svc', 'c1', config, { fetch: server({}).fetch });
    await until(() => opened.length === 1);
    expect(new URL(opened[0] ?? '').origin + new URL(opened[0] ?? '').pathname).toBe('https://as.example/authorize');
    flows.cancel('c1');
    await expect(running).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });
});
