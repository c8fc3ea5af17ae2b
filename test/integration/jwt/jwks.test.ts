import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearJwksCache, verifyJwt } from '../../../main/core/jwt';
import { isLatchError } from '../../../main/core/model/errors';

let server: Server;
let url: string;
let hits = 0;
const kp = await generateKeyPair('RS256', { extractable: true });
const other = await generateKeyPair('RS256', { extractable: true });

beforeAll(async () => {
  const jwks = { keys: [{ ...(await exportJWK(kp.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(async () => {
  clearJwksCache();
  await new Promise((r) => server.close(r));
});

const sign = (key: Parameters<SignJWT['sign']>[0], kid: string, exp = '5m') =>
  new SignJWT({ scope: 'x' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime(exp).sign(key);

async function reasonOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isLatchError(e) ? `${e.code}:${e.detail?.reason}` : String(e);
  }
}

describe('verify against a JWKS URL on 127.0.0.1', () => {
  it('verifies a token whose kid is in the set', async () => {
    const v = await verifyJwt(await sign(kp.privateKey, 'k1'), { key: { kind: 'jwks', url } });
    expect(v.kid).toBe('k1');
    expect(hits).toBeGreaterThan(0);
  });

  it('reports no matching key and bad signature', async () => {
    expect(await reasonOf(verifyJwt(await sign(other.privateKey, 'k9'), { key: { kind: 'jwks', url } }))).toBe(
      'ERR_JWT_INVALID:no-matching-key',
    );
    expect(await reasonOf(verifyJwt(await sign(other.privateKey, 'k1'), { key: { kind: 'jwks', url } }))).toBe(
      'ERR_JWT_INVALID:bad-signature',
    );
  });

  it('reports an expired token and an unreachable set', async () => {
    const t = await sign(kp.privateKey, 'k1', '1s');
    expect(
      await reasonOf(verifyJwt(t, { key: { kind: 'jwks', url }, clock: { now: () => Date.now() + 60_000 } })),
    ).toBe('ERR_JWT_INVALID:expired');
    expect(await reasonOf(verifyJwt(t, { key: { kind: 'jwks', url: url.replace('jwks.json', 'missing') } }))).toBe(
      'ERR_JWT_INVALID:jwks-unreachable',
    );
  });
});
