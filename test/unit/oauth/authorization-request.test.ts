import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../main/core/model/credential';
import { LatchError } from '../../../main/core/model/errors';
import {
  buildAuthorizationUrl,
  clientAuthentication,
  escapeHtml,
  importClientPrivateKey,
  parseLoopbackRedirectUri,
  protocolError,
  tokenSetFromFragment,
  toTokenSet,
} from '../../../main/core/oauth';

describe('authorization request', () => {
  it('carries state, nonce, PKCE S256 and cannot be overridden by extra parameters', () => {
    const url = buildAuthorizationUrl(
      { issuer: 'https://as.example', authorization_endpoint: 'https://as.example/authorize?tenant=1' },
      { clientId: 'app' },
      {
        redirectUri: 'http://127.0.0.1:5000/callback',
        state: 'S',
        nonce: 'N',
        codeChallenge: 'C',
        scopes: ' openid  email ',
        extraParams: { state: 'evil', prompt: 'consent' },
      },
    );
    const p = url.searchParams;
    expect(Object.fromEntries(p)).toEqual({
      tenant: '1',
      prompt: 'consent',
      response_type: 'code',
      client_id: 'app',
      redirect_uri: 'http://127.0.0.1:5000/callback',
      scope: 'openid email',
      state: 'S',
      code_challenge: 'C',
      code_challenge_method: 'S256',
      nonce: 'N',
    });
  });
});

describe('loopback redirect URIs (RFC 8252 §7.3)', () => {
  it('defaults to the IP literal 127.0.0.1 on any port', () => {
    expect(parseLoopbackRedirectUri('')).toEqual({
      hostname: '127.0.0.1',
      port: 0,
      path: '/callback',
      bind: ['127.0.0.1'],
    });
  });
  it('keeps a registered fixed port and path, binding loopback only', () => {
    expect(parseLoopbackRedirectUri('http://localhost:8080/oauth/cb')).toEqual({
      hostname: 'localhost',
      port: 8080,
      path: '/oauth/cb',
      bind: ['127.0.0.1', '::1'],
    });
  });
  it('refuses anything that is not loopback http', () => {
    for (const bad of [
      'https://127.0.0.1/cb',
      'http://0.0.0.0:80/cb',
      'http://example.com/cb',
      'http://127.0.0.1/cb?x=1',
      'myapp:/cb',
    ]) {
      expect(() => parseLoopbackRedirectUri(bad)).toThrow(expect.objectContaining({ code: 'ERR_BAD_INPUT' }));
    }
  });
  it('escapes HTML', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;',
    );
  });
});

describe('client authentication', () => {
  it('needs the secret for secret methods and the key for private_key_jwt', async () => {
    await expect(clientAuthentication({ clientAuth: 'client_secret_basic' })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
    await expect(clientAuthentication({ clientAuth: 'client_secret_post' })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
    await expect(clientAuthentication({ clientAuth: 'private_key_jwt' })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
    await expect(
      clientAuthentication({ clientAuth: 'private_key_jwt', clientPrivateKey: 'nope' }),
    ).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
  });

  it('imports a PKCS#8 PEM and a JWK (kid kept)', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const fromPem = await importClientPrivateKey(pem);
    expect(fromPem.key.type).toBe('private');
    const jwk = { ...(await exportJWK(privateKey)), kid: 'k1' };
    const fromJwk = await importClientPrivateKey(JSON.stringify(jwk));
    expect(fromJwk.kid).toBe('k1');
    const publicOnly = { ...jwk, d: undefined };
    await expect(importClientPrivateKey(JSON.stringify(publicOnly))).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });
});

describe('token sets', () => {
  it('computes expiresAt in ms and keeps what a refresh leaves out', () => {
    const previous: TokenSet = {
      accessToken: 'old',
      tokenType: 'Bearer',
      refreshToken: 'R0',
      idToken: 'I0',
      scope: 's',
      obtainedAt: 0,
    };
    expect(toTokenSet({ access_token: 'A', token_type: 'bearer', expires_in: 60 }, 1000, previous)).toEqual({
      accessToken: 'A',
      tokenType: 'Bearer',
      refreshToken: 'R0',
      idToken: 'I0',
      scope: 's',
      expiresAt: 61_000,
      obtainedAt: 1000,
    });
    expect(toTokenSet({ access_token: 'A', token_type: 'bearer', refresh_token: 'R1' }, 5, previous).refreshToken).toBe(
      'R1',
    );
  });

  it('reads a legacy implicit fragment', () => {
    const t = tokenSetFromFragment(new URLSearchParams('access_token=AT&token_type=bearer&expires_in=10&scope=a'), 100);
    expect(t).toEqual({ accessToken: 'AT', tokenType: 'Bearer', scope: 'a', expiresAt: 10_100, obtainedAt: 100 });
  });
});

describe('errors', () => {
  it('never echoes odd error values and keeps the description in detail', () => {
    const e = protocolError('The sign-in', '<b>x</b>\n', 'desc');
    expect(e).toBeInstanceOf(LatchError);
    expect(e.detail).toEqual({ error: 'invalid_error', error_description: 'desc' });
    expect(protocolError('x', 'login_required').code).toBe('ERR_OAUTH_LOGIN_REQUIRED');
  });
});
