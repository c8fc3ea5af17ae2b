/**
 * Extra request parameters against oidc-provider: a `resource` (RFC 8707 resource indicators)
 * makes the server issue an access token for that API (a JWT whose `aud` is the resource); an
 * `audience` (Auth0 style) does the same, as Auth0 does, because the peer reads it (an extra
 * parameter it accepts, taken as the resource when none is named); a custom parameter reaches the
 * server. Both grants: client credentials, and the authorization code with the parameters in the
 * authorization request (the browser's URL) and again in the code exchange.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { authorize, clientCredentials } from '../../../main/core/oauth';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';

const API = 'https://api.example.com/';
const AUTH0_AUDIENCE = 'https://api.acme.com';
let peer: OidcProviderPeer;
/** The request bodies as they went on the wire to the server (the transport under Latch's fetch). */
const sent: string[] = [];
const recording = async (url: string, init: RequestInit) => {
  sent.push(String(init.body ?? ''));
  return fetch(url, init);
};

beforeAll(async () => {
  peer = await startOidcProvider({
    scopes: ['api:read'],
    // Auth0's audience: the server reads it, and names the API the token is for by it when no resource is given.
    // extraParams makes the authorization endpoint keep it; the token endpoint's body is read as it came.
    extraParams: ['audience'],
    features: {
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx: { oidc: { params?: Record<string, unknown>; body?: Record<string, unknown> } }) => {
          const audience = ctx.oidc.params?.audience ?? ctx.oidc.body?.audience;
          return typeof audience === 'string' && audience !== '' ? audience : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'api:read',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 60,
        }),
      },
    },
    clients: [
      nativeClient('machine', {
        token_endpoint_auth_method: 'client_secret_post',
        client_secret: 'machine-secret-value-1234',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      }),
      nativeClient('app', { grant_types: ['authorization_code'] }),
    ],
  });
}, 60_000);

afterAll(async () => {
  await peer?.stop();
});

function machine(extra: Record<string, string>) {
  return OAuth2Fields.parse({
    issuer: peer.issuer,
    clientId: 'machine',
    clientSecret: 'machine-secret-value-1234',
    clientAuth: 'client_secret_post',
    grant: 'client_credentials',
    scopes: 'api:read',
    ...extra,
  });
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('extra token request parameters', () => {
  it('resource: the server issues the access token for that API (its aud)', async () => {
    const tokens = await clientCredentials(machine({ resource: API }));
    const c = claims(tokens.accessToken);
    expect(c.aud).toBe(API);
    expect(c.scope).toBe('api:read');
  });

  it('audience alone: the server reads it and issues the token for that API (its aud), as Auth0 does', async () => {
    const tokens = await clientCredentials(machine({ audience: AUTH0_AUDIENCE }));
    expect(claims(tokens.accessToken).aud).toBe(AUTH0_AUDIENCE);
  });

  it('audience and a custom parameter go out in the token request, and the server still answers', async () => {
    sent.length = 0;
    const tokens = await clientCredentials(
      machine({ resource: API, audience: 'https://api.acme.com', extraParams: 'organization=org_123' }),
      { fetch: recording },
    );
    expect(claims(tokens.accessToken).aud).toBe(API);
    const body = new URLSearchParams(sent.at(-1));
    expect(body.get('audience')).toBe('https://api.acme.com');
    expect(body.get('organization')).toBe('org_123');
    expect(body.get('resource')).toBe(API);
    expect(body.get('client_id')).toBe('machine');
  });

  it('without a resource the server issues no API token (the parameter is what made the difference)', async () => {
    const tokens = await clientCredentials(machine({}));
    expect(tokens.accessToken.split('.')).not.toHaveLength(3);
  });

  for (const [param, value] of [
    ['resource', API],
    ['audience', AUTH0_AUDIENCE],
  ] as const) {
    it(`authorization code: ${param} goes in the authorization request, and the token is for that API`, async () => {
      const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'app', scopes: 'api:read', [param]: value });
      let opened = '';
      const tokens = await authorize(config, {
        opener: {
          open: async (url) => {
            opened = url;
            void completeDevInteractions(url).then((cb) => fetch(cb));
          },
        },
      });
      expect(new URL(opened).searchParams.get(param)).toBe(value);
      const c = claims(tokens.accessToken);
      expect(c.aud).toBe(value);
      expect(c.scope).toBe('api:read');
    });
  }

  it('an extra cannot replace a parameter the flow sets itself', () => {
    expect(() => machine({ extraParams: 'client_id=someone-else' })).toThrow(/none of the parameters Latch sets/);
    expect(() => machine({ extraParams: 'scope=admin' })).toThrow();
  });
});
