/**
 * The GitHub preset against a local server that answers like GitHub: no discovery, form-encoded
 * answers unless Accept: application/json, errors with HTTP 200.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPreset, authorize, type OAuth2Config, startDeviceAuthorization } from '../../../main/core/oauth';
import { type GithubLikePeer, startGithubLike } from '../../peers/github-like';

let peer: GithubLikePeer | undefined;
afterEach(async () => {
  await peer?.stop();
  peer = undefined;
});

/** The real preset, pointed at the local peer instead of github.com. */
function localGithub(origin: string, input: Parameters<typeof applyPreset>[1]): OAuth2Config {
  const preset = applyPreset('github', input);
  const local = (u: string | undefined) => (u ? u.replace('https://github.com', origin) : undefined);
  return {
    ...preset,
    authorizationEndpoint: local(preset.authorizationEndpoint),
    tokenEndpoint: local(preset.tokenEndpoint),
    deviceAuthorizationEndpoint: local(preset.deviceAuthorizationEndpoint),
  };
}

const browserlessOpener = {
  open: async (url: string) => {
    // Like a browser: follow the authorize redirect to the loopback listener.
    void fetch(url);
  },
};

describe('GitHub preset', () => {
  for (const alwaysForm of [false, true]) {
    it(`signs in with the authorization code grant (${alwaysForm ? 'server ignores Accept: form answers' : 'JSON when asked'})`, async () => {
      peer = await startGithubLike({ clientId: 'Iv1.test', clientSecret: 'gh-secret', alwaysForm });
      const config = localGithub(peer.origin, { clientId: 'Iv1.test', clientSecret: 'gh-secret' });
      const tokens = await authorize(config, { opener: browserlessOpener });
      expect(tokens.accessToken).toMatch(/^gho_/);
      expect(tokens.tokenType).toBe('Bearer');
      expect(tokens.scope).toBe('read:user,repo');
      expect(tokens.expiresAt).toBeUndefined();
      expect(peer.accepts).toEqual(['application/json']);
    });
  }

  it('maps a bad client secret (reported with HTTP 200) to ERR_OAUTH', async () => {
    peer = await startGithubLike({ clientId: 'Iv1.test', clientSecret: 'gh-secret', alwaysForm: true });
    const config = localGithub(peer.origin, { clientId: 'Iv1.test', clientSecret: 'wrong' });
    await expect(authorize(config, { opener: browserlessOpener })).rejects.toMatchObject({
      code: 'ERR_OAUTH',
      detail: { error: 'incorrect_client_credentials' },
    });
  });

  it('device flow: pending answers with HTTP 200 keep polling, then tokens', async () => {
    peer = await startGithubLike({ clientId: 'Iv1.test', alwaysForm: true, pendingPolls: 2 });
    const config = localGithub(peer.origin, { clientId: 'Iv1.test', grant: 'device_code' });
    expect(config.clientAuth).toBe('none');
    const waits: number[] = [];
    const device = await startDeviceAuthorization(config, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(device.userCode).toBe('WDJB-MJHT');
    expect(device.intervalMs).toBe(1000);
    const tokens = await device.poll();
    expect(tokens.accessToken).toMatch(/^gho_/);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('cannot revoke (GitHub has no RFC 7009 endpoint): a clear ERR_OAUTH', async () => {
    const { revoke } = await import('../../../main/core/oauth');
    const config = applyPreset('github', { clientId: 'Iv1.test' });
    await expect(revoke(config, 'gho_x')).rejects.toMatchObject({
      code: 'ERR_OAUTH',
      detail: { error: 'missing_endpoint' },
    });
  });
});
