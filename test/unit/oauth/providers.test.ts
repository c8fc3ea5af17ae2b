import { describe, expect, it } from 'vitest';
import { applyPreset, PROVIDER_PRESETS } from '../../../main/core/oauth';

describe('provider presets', () => {
  it('GitHub: fixed endpoints, no discovery', () => {
    const f = applyPreset('github', { clientId: 'Iv1.abc', clientSecret: 's' });
    expect(f).toMatchObject({
      provider: 'github',
      authorizationEndpoint: 'https://github.com/login/oauth/authorize',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
      deviceAuthorizationEndpoint: 'https://github.com/login/device/code',
      clientAuth: 'client_secret_post',
      clientId: 'Iv1.abc',
    });
    expect(f.issuer).toBeUndefined();
    expect(applyPreset('github', { clientId: 'x', grant: 'device_code' }).clientAuth).toBe('none');
  });

  it('fills issuers from the user values', () => {
    expect(applyPreset('google', { clientId: 'c' }).issuer).toBe('https://accounts.google.com');
    expect(applyPreset('microsoft', { clientId: 'c', params: { tenant: 'contoso.onmicrosoft.com' } }).issuer).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
    );
    expect(applyPreset('gitlab', { clientId: 'c', params: { baseUrl: 'https://gitlab.example.com/' } }).issuer).toBe(
      'https://gitlab.example.com',
    );
    expect(applyPreset('auth0', { clientId: 'c', params: { domain: 'acme.eu.auth0.com' } }).issuer).toBe(
      'https://acme.eu.auth0.com/',
    );
    expect(applyPreset('okta', { clientId: 'c', params: { domain: 'acme.okta.com' } }).issuer).toBe(
      'https://acme.okta.com/oauth2/default',
    );
    expect(
      applyPreset('keycloak', { clientId: 'c', params: { baseUrl: 'https://sso.example.com', realm: 'dev' } }).issuer,
    ).toBe('https://sso.example.com/realms/dev');
  });

  it('refuses values that would change the host or path', () => {
    const bad = [
      () => applyPreset('auth0', { clientId: 'c', params: { domain: 'https://evil.example' } }),
      () => applyPreset('okta', { clientId: 'c', params: { domain: 'evil.example/x' } }),
      () => applyPreset('okta', { clientId: 'c' }),
      () => applyPreset('microsoft', { clientId: 'c', params: { tenant: 'common' } }),
      () =>
        applyPreset('keycloak', { clientId: 'c', params: { baseUrl: 'https://sso.example.com', realm: '../admin' } }),
      () => applyPreset('keycloak', { clientId: 'c', params: { baseUrl: 'http://sso.example.com', realm: 'x' } }),
      () => applyPreset('google', { clientId: ' ' }),
    ];
    for (const f of bad) expect(f).toThrow(expect.objectContaining({ code: 'ERR_BAD_INPUT' }));
  });

  it('every preset yields valid fields', () => {
    const params = { tenant: 't1', domain: 'a.example.com', baseUrl: 'https://x.example.com', realm: 'r' };
    for (const p of PROVIDER_PRESETS) {
      const f = applyPreset(p.id, { clientId: 'c', params });
      expect(f.provider).toBe(p.id);
      expect(f.issuer ?? f.tokenEndpoint).toMatch(/^https:\/\//);
    }
  });
});
