import { describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { DiscoveryCache, discover, resolveAuthorizationServer } from '../../../main/core/oauth';

describe('discovery', () => {
  it('tries OpenID Connect discovery first, then RFC 8414 with the path inserted', async () => {
    const asked: string[] = [];
    const as = await discover('https://as.example/tenant1', {
      fetch: async (url) => {
        asked.push(url);
        if (url === 'https://as.example/.well-known/oauth-authorization-server/tenant1') {
          return Response.json({ issuer: 'https://as.example/tenant1', token_endpoint: 'https://as.example/t' });
        }
        return new Response('not found', { status: 404 });
      },
    });
    expect(asked).toEqual([
      'https://as.example/tenant1/.well-known/openid-configuration',
      'https://as.example/.well-known/oauth-authorization-server/tenant1',
    ]);
    expect(as.token_endpoint).toBe('https://as.example/t');
  });

  it('refuses metadata naming another issuer (mix-up defence) and plain http off this computer', async () => {
    await expect(
      discover('https://as.example', { fetch: async () => Response.json({ issuer: 'https://evil.example' }) }),
    ).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'discovery_failed' } });
    await expect(discover('http://as.example')).rejects.toMatchObject({
      code: 'ERR_OAUTH',
      detail: { error: 'insecure_endpoint' },
    });
  });

  it('caches per issuer when given a cache', async () => {
    let n = 0;
    const cache = new DiscoveryCache();
    const fetch = async () => {
      n++;
      return Response.json({ issuer: 'https://as.example', token_endpoint: 'https://as.example/t' });
    };
    await discover('https://as.example', { fetch, cache });
    await discover('https://as.example', { fetch, cache });
    expect(n).toBe(1);
  });

  it('uses typed-in endpoints without discovery, and they win over discovered ones', async () => {
    const manual = await resolveAuthorizationServer(
      OAuth2Fields.parse({
        clientId: 'c',
        tokenEndpoint: 'https://gh.example/token',
        authorizationEndpoint: 'https://gh.example/auth',
      }),
      { fetch: async () => Promise.reject(new Error('no network')) },
    );
    expect(manual).toMatchObject({ issuer: 'https://gh.example', token_endpoint: 'https://gh.example/token' });
    const mixed = await resolveAuthorizationServer(
      OAuth2Fields.parse({
        clientId: 'c',
        issuer: 'https://as.example',
        revocationEndpoint: 'https://as.example/revoke2',
      }),
      {
        fetch: async () =>
          Response.json({ issuer: 'https://as.example', revocation_endpoint: 'https://as.example/revoke' }),
      },
    );
    expect(mixed.revocation_endpoint).toBe('https://as.example/revoke2');
    await expect(resolveAuthorizationServer(OAuth2Fields.parse({ clientId: 'c' }))).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
  });
});
