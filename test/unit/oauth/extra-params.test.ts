import { describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { applyPreset, authorize } from '../../../main/core/oauth';
import { extraRequestParams } from '../../../main/core/oauth/extra-params';

describe('extra request parameters', () => {
  it('audience, resource and custom pairs make one list', () => {
    expect(
      extraRequestParams({
        audience: 'https://api.acme.com',
        resource: 'https://api.example.com/',
        extraParams: 'a=1&b=x%20y',
      }),
    ).toEqual({ a: '1', b: 'x y', audience: 'https://api.acme.com', resource: 'https://api.example.com/' });
  });

  it('go with the authorization request the browser opens', async () => {
    const config = OAuth2Fields.parse({
      clientId: 'desk',
      authorizationEndpoint: 'https://as.example/authorize',
      tokenEndpoint: 'https://as.example/token',
      audience: 'https://api.acme.com',
      extraParams: 'prompt=consent',
    });
    const opened: string[] = [];
    const controller = new AbortController();
    const flow = authorize(config, {
      signal: controller.signal,
      opener: {
        open: async (url) => {
          opened.push(url);
        },
      },
    });
    await expect.poll(() => opened.length).toBe(1);
    const url = new URL(opened[0] ?? '');
    expect(url.searchParams.get('audience')).toBe('https://api.acme.com');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('client_id')).toBe('desk');
    controller.abort();
    await expect(flow).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('the Auth0 preset asks for the audience and stores it', () => {
    const fields = applyPreset('auth0', {
      clientId: 'c',
      params: { domain: 'acme.eu.auth0.com', audience: 'https://api.acme.com' },
    });
    expect(fields.audience).toBe('https://api.acme.com');
    expect(applyPreset('auth0', { clientId: 'c', params: { domain: 'acme.eu.auth0.com' } }).audience).toBeUndefined();
  });

  it('a name the flows set, or one with odd characters, is refused', () => {
    for (const extraParams of ['redirect_uri=https://evil.example', 'code_verifier=x', 'a b=1', '=1']) {
      expect(OAuth2Fields.safeParse({ clientId: 'c', extraParams }).success).toBe(false);
    }
  });
});
