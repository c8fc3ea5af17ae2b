/**
 * Client authentication at oidc-provider's token endpoint, one registered client per method:
 * client_secret_basic, client_secret_post and private_key_jwt (for both the authorization code
 * and the client credentials grants), plus the refusal of a wrong secret.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { authorize, clientCredentials, FlowRequestLog, type OAuth2Config } from '../../../main/core/oauth';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';

let peer: OidcProviderPeer;
let privateJwk: string;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = { ...(await exportJWK(publicKey)), kid: 'latch-test', alg: 'ES256', use: 'sig' };
  privateJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'latch-test', alg: 'ES256' });
  const both = ['authorization_code', 'refresh_token', 'client_credentials'];
  peer = await startOidcProvider({
    scopes: ['api:read'],
    clients: [
      nativeClient('basic-app', {
        token_endpoint_auth_method: 'client_secret_basic',
        client_secret: 'basic-secret-value',
        grant_types: both,
      }),
      nativeClient('post-app', {
        token_endpoint_auth_method: 'client_secret_post',
        client_secret: 'post-secret-value',
        grant_types: both,
      }),
      nativeClient('jwt-app', {
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [pub] },
        grant_types: both,
      }),
    ],
  });
});
afterAll(async () => {
  await peer?.stop();
});

function signIn(config: OAuth2Config, log?: FlowRequestLog) {
  return authorize(config, {
    ...(log ? { log } : {}),
    opener: {
      open: async (url) => {
        void completeDevInteractions(url).then((cb) => fetch(cb));
      },
    },
  });
}

const cases = () =>
  [
    ['client_secret_basic', { clientId: 'basic-app', clientSecret: 'basic-secret-value' }],
    ['client_secret_post', { clientId: 'post-app', clientSecret: 'post-secret-value' }],
    ['private_key_jwt', { clientId: 'jwt-app', clientPrivateKey: privateJwk }],
  ] as const;

describe('client authentication', () => {
  it('authorization code with each method', async () => {
    for (const [clientAuth, client] of cases()) {
      const log = new FlowRequestLog();
      const config = OAuth2Fields.parse({ issuer: peer.issuer, clientAuth, scopes: 'openid', ...client });
      const tokens = await signIn(config, log);
      expect(tokens.idToken, clientAuth).toBeTruthy();
      const token = log.entries.find((e) => e.method === 'POST' && e.url.endsWith('/token'));
      expect(token?.status).toBe(200);
      if (clientAuth === 'client_secret_basic') expect(token?.requestHeaders?.authorization).toBe('[redacted]');
      if (clientAuth === 'client_secret_post') expect(token?.requestBody).toContain('client_secret=%5Bredacted%5D');
      if (clientAuth === 'private_key_jwt') expect(token?.requestBody).toContain('client_assertion=%5Bredacted%5D');
      expect(JSON.stringify(log.entries)).not.toMatch(/basic-secret-value|post-secret-value/);
    }
  });

  it('client credentials with each method', async () => {
    for (const [clientAuth, client] of cases()) {
      const config = OAuth2Fields.parse({
        issuer: peer.issuer,
        clientAuth,
        grant: 'client_credentials',
        scopes: 'api:read',
        ...client,
      });
      const tokens = await clientCredentials(config);
      expect(tokens.accessToken, clientAuth).toBeTruthy();
      expect(tokens.refreshToken).toBeUndefined();
      expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    }
  });

  it('a wrong secret is invalid_client, and the secret is not in the message', async () => {
    const config = OAuth2Fields.parse({
      issuer: peer.issuer,
      clientId: 'basic-app',
      clientSecret: 'wrong-secret-value',
      clientAuth: 'client_secret_basic',
      grant: 'client_credentials',
    });
    const error = await clientCredentials(config).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'invalid_client' } });
    expect(String((error as Error).message)).not.toContain('wrong-secret-value');
  });

  it('client credentials refuses a public client before any request', async () => {
    const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'x', clientAuth: 'none' });
    await expect(clientCredentials(config)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });
});
