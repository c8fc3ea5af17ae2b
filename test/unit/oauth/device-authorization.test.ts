import { describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { type FetchLike, FlowRequestLog, startDeviceAuthorization } from '../../../main/core/oauth';

const config = OAuth2Fields.parse({
  clientId: 'dev',
  deviceAuthorizationEndpoint: 'https://as.example/device',
  tokenEndpoint: 'https://as.example/token',
  grant: 'device_code',
  scopes: 'read',
});

/** A scripted server: the device endpoint, then one token answer per poll. */
function server(polls: { status: number; body: Record<string, unknown> }[]): FetchLike {
  return async (url) => {
    if (url.endsWith('/device')) {
      return Response.json({
        device_code: 'DEV-CODE',
        user_code: 'WDJB-MJHT',
        verification_uri: 'https://as.example/activate',
        verification_uri_complete: 'https://as.example/activate?user_code=WDJB-MJHT',
        expires_in: 600,
        interval: 2,
      });
    }
    const next = polls.shift();
    if (!next) throw new Error('unexpected poll');
    return Response.json(next.body, { status: next.status });
  };
}

function clockAndSleep() {
  let now = 0;
  const waits: number[] = [];
  return {
    clock: { now: () => now },
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

describe('device authorization (RFC 8628)', () => {
  it('returns what to show, then polls at the interval, +5 s after each slow_down', async () => {
    const t = clockAndSleep();
    const log = new FlowRequestLog();
    const flow = await startDeviceAuthorization(config, {
      ...t,
      log,
      fetch: server([
        { status: 400, body: { error: 'authorization_pending' } },
        { status: 400, body: { error: 'slow_down' } },
        { status: 400, body: { error: 'authorization_pending' } },
        { status: 400, body: { error: 'slow_down' } },
        { status: 200, body: { access_token: 'AT', token_type: 'Bearer', expires_in: 3600, refresh_token: 'RT' } },
      ]),
    });
    expect(flow.userCode).toBe('WDJB-MJHT');
    expect(flow.verificationUri).toBe('https://as.example/activate');
    expect(flow.verificationUriComplete).toContain('user_code=WDJB-MJHT');
    expect(flow.expiresAt).toBe(600_000);
    const tokens = await flow.poll();
    expect(t.waits).toEqual([2000, 2000, 7000, 7000, 12_000]);
    expect(tokens).toMatchObject({ accessToken: 'AT', refreshToken: 'RT', tokenType: 'Bearer' });
    expect(tokens.expiresAt).toBe(tokens.obtainedAt + 3_600_000);
    expect(JSON.stringify(log.entries)).not.toContain('DEV-CODE');
  });

  it('stops on access_denied and expired_token with clear codes', async () => {
    for (const error of ['access_denied', 'expired_token']) {
      const t = clockAndSleep();
      const flow = await startDeviceAuthorization(config, {
        ...t,
        fetch: server([
          { status: 400, body: { error: 'authorization_pending' } },
          { status: 400, body: { error } },
        ]),
      });
      await expect(flow.poll()).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error } });
    }
  });

  it('gives up locally once the codes expire', async () => {
    const t = clockAndSleep();
    const pending = Array.from({ length: 400 }, () => ({ status: 400, body: { error: 'authorization_pending' } }));
    const flow = await startDeviceAuthorization(config, { ...t, fetch: server(pending) });
    await expect(flow.poll()).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'expired_token' } });
    expect(t.clock.now()).toBeLessThanOrEqual(602_000);
  });

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    const flow = await startDeviceAuthorization(config, {
      signal: controller.signal,
      fetch: server([]),
    });
    const polling = flow.poll();
    controller.abort();
    await expect(polling).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });
});
