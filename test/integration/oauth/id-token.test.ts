/**
 * ID token validation with tokens signed here (jose) and a JWKS served on 127.0.0.1: the
 * signature is checked against the JWKS, and iss, aud, exp and nonce must match.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthClient, processCodeTokenResponse } from '../../../main/core/oauth';
import { requestOptions } from '../../../main/core/oauth/http-options';

let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let as: oauth.AuthorizationServer;
const client = oauthClient({ clientId: 'app' });

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  as = {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    token_endpoint: `${issuer}/token`,
    id_token_signing_alg_values_supported: ['RS256'],
  };
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function idToken(claims: JWTPayload, key: CryptoKey = signingKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'alice', nonce: 'N1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer((claims.iss as string | undefined) ?? issuer)
    .setAudience((claims.aud as string | undefined) ?? 'app')
    .setIssuedAt(now)
    .setExpirationTime((claims.exp as number | undefined) ?? now + 600)
    .sign(key);
}

function tokenResponse(id_token?: string): Response {
  return Response.json({ access_token: 'AT', token_type: 'Bearer', expires_in: 60, ...(id_token ? { id_token } : {}) });
}

function check(response: Response, nonce = 'N1') {
  return processCodeTokenResponse(
    as,
    client,
    response,
    { nonce, required: true },
    requestOptions({}, undefined),
    'The code exchange',
  );
}

describe('ID token validation', () => {
  it('accepts a token signed by the JWKS key with the right iss, aud, exp and nonce', async () => {
    const body = await check(tokenResponse(await idToken({})));
    expect(body.access_token).toBe('AT');
  });

  it('refuses a wrong nonce, issuer, audience, an expired token, a foreign signature, or no token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = await idToken({});
    const tokens = [
      await idToken({ iss: 'https://evil.example' }),
      await idToken({ aud: 'another-app' }),
      await idToken({ exp: now - 120 }),
      await idToken({}, otherKey),
    ];
    const refused = [
      check(tokenResponse(good), 'other-nonce'),
      ...tokens.map((t) => check(tokenResponse(t))),
      check(tokenResponse()),
    ];
    const results = await Promise.allSettled(refused);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_OAUTH' });
    }
    const errors = results.map(
      (r) => ((r as PromiseRejectedResult).reason as { detail: { error: string } }).detail.error,
    );
    expect(errors.slice(0, 5)).toEqual(Array(5).fill('invalid_id_token'));
  });
});
