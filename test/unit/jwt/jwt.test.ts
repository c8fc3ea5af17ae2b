import { readFileSync } from 'node:fs';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  decodeJwt,
  type JwtAlgorithm,
  jwtExpiry,
  keyInputFromText,
  signJwt,
  signWithJwtSigner,
  validateJwtSignerKey,
  verifyJwt,
} from '../../../main/core/jwt';
import { JwtSignerFields } from '../../../main/core/model/credential';
import { isLatchError } from '../../../main/core/model/errors';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const clock = { now: () => NOW };
const nowSec = Math.floor(NOW / 1000);

const HS: JwtAlgorithm[] = ['HS256', 'HS384', 'HS512'];
const ASYM: JwtAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const SECRET = 'a text secret, used as its UTF-8 bytes, never base64: 0123456789abcdef';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isLatchError(e)) return `${e.code}:${String(e.detail?.reason ?? e.detail?.field ?? '')}`;
    throw e;
  }
  return 'no error';
}

function joseToken(
  alg: string,
  key: Parameters<SignJWT['sign']>[0],
  claims: Record<string, unknown> = {},
  kid?: string,
) {
  return new SignJWT({ scope: 'read', ...claims })
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })
    .setIssuer('https://issuer.test')
    .setSubject('user-1')
    .setAudience('api')
    .setIssuedAt(nowSec - 10)
    .setExpirationTime(nowSec + 600)
    .sign(key);
}

const keyPairs = new Map<string, Awaited<ReturnType<typeof generateKeyPair>>>();
async function pair(alg: string) {
  let p = keyPairs.get(alg);
  if (!p) {
    p = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
    keyPairs.set(alg, p);
  }
  return p;
}

describe('decode', () => {
  it('reads header and claims of a token made by jose', async () => {
    const t = await joseToken('HS256', new TextEncoder().encode(SECRET));
    const d = decodeJwt(`Bearer ${t}`);
    expect(d.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(d.claims).toMatchObject({ iss: 'https://issuer.test', sub: 'user-1', aud: 'api', scope: 'read' });
    expect(d.expiresAt).toBe((nowSec + 600) * 1000);
    expect(jwtExpiry(t)).toBe((nowSec + 600) * 1000);
  });

  it.each([
    ['', 'malformed'],
    ['abc', 'malformed'],
    ['a.b', 'malformed'],
    ['a.b.c.d.e', 'malformed'],
    ['!!.e30.', 'malformed'],
    [`${Buffer.from('not json').toString('base64url')}.e30.`, 'malformed'],
    [`${Buffer.from('[1]').toString('base64url')}.e30.`, 'malformed'],
    [`${Buffer.from('{"typ":"JWT"}').toString('base64url')}.e30.`, 'malformed'],
    [`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.bm9wZQ.`, 'malformed'],
  ])('refuses %j with ERR_JWT_INVALID', (token, why) => {
    try {
      decodeJwt(token);
      expect.unreachable();
    } catch (e) {
      expect(isLatchError(e) && e.code).toBe('ERR_JWT_INVALID');
      expect(isLatchError(e) && e.detail?.reason).toBe(why);
    }
  });

  it('jwtExpiry is null for opaque tokens', () => {
    expect(jwtExpiry('opaque-token-xyz')).toBeNull();
  });
});

describe('verify', () => {
  it.each(HS)('%s with a text secret', async (alg) => {
    const t = await joseToken(alg, new TextEncoder().encode(SECRET));
    const v = await verifyJwt(t, { key: { kind: 'secret', secret: SECRET }, clock });
    expect(v.alg).toBe(alg);
    expect(v.claims.sub).toBe('user-1');
    expect(await reason(verifyJwt(t, { key: { kind: 'secret', secret: `${SECRET}x` }, clock }))).toBe(
      'ERR_JWT_INVALID:bad-signature',
    );
  });

  it('never treats a secret as base64', async () => {
    const b64 = Buffer.from('raw-bytes-secret-raw-bytes-secret!').toString('base64');
    const t = await joseToken('HS256', new TextEncoder().encode(b64));
    await expect(verifyJwt(t, { key: { kind: 'secret', secret: b64 }, clock })).resolves.toBeTruthy();
    const t2 = await joseToken('HS256', Buffer.from(b64, 'base64'));
    expect(await reason(verifyJwt(t2, { key: { kind: 'secret', secret: b64 }, clock }))).toBe(
      'ERR_JWT_INVALID:bad-signature',
    );
  });

  it.each(ASYM)('%s with PEM (SPKI) and JWK public keys', async (alg) => {
    const { publicKey, privateKey } = await pair(alg);
    const t = await joseToken(alg, privateKey);
    const pem = await exportSPKI(publicKey);
    const jwk = await exportJWK(publicKey);
    expect((await verifyJwt(t, { key: { kind: 'pem', pem }, clock })).alg).toBe(alg);
    expect((await verifyJwt(t, { key: { kind: 'jwk', jwk: JSON.stringify(jwk) }, clock })).alg).toBe(alg);
    expect((await verifyJwt(t, { key: keyInputFromText(pem), clock })).claims.scope).toBe('read');
    // Wrong key of the same type: a bad signature, not a crash.
    const other = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
    expect(await reason(verifyJwt(t, { key: { kind: 'pem', pem: await exportSPKI(other.publicKey) }, clock }))).toBe(
      'ERR_JWT_INVALID:bad-signature',
    );
  });

  it('verifies with an X.509 certificate', async () => {
    const keyPem = readFileSync('test/fixtures/jwt/rsa-cert-key.pem', 'utf8');
    const cert = readFileSync('test/fixtures/jwt/rsa-cert.pem', 'utf8');
    const { token } = await signJwt({ algorithm: 'RS256', key: keyPem, subject: 's', clock });
    expect((await verifyJwt(token, { key: { kind: 'pem', pem: cert }, clock })).claims.sub).toBe('s');
  });

  it('refuses an expired token with reason "expired", and a future one with "not-yet-valid"', async () => {
    const key = new TextEncoder().encode(SECRET);
    const t = await joseToken('HS256', key);
    const later = { now: () => NOW + 3600_000 };
    expect(await reason(verifyJwt(t, { key: { kind: 'secret', secret: SECRET }, clock: later }))).toBe(
      'ERR_JWT_INVALID:expired',
    );
    const nbf = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setNotBefore(nowSec + 600)
      .sign(key);
    expect(await reason(verifyJwt(nbf, { key: { kind: 'secret', secret: SECRET }, clock }))).toBe(
      'ERR_JWT_INVALID:not-yet-valid',
    );
  });

  it('reports wrong alg, claim mismatch and unsigned tokens', async () => {
    const { privateKey, publicKey } = await pair('RS256');
    const rs = await joseToken('RS256', privateKey);
    expect(await reason(verifyJwt(rs, { key: { kind: 'secret', secret: SECRET }, clock }))).toBe(
      'ERR_JWT_INVALID:wrong-alg',
    );
    const es = await pair('ES256');
    expect(await reason(verifyJwt(rs, { key: { kind: 'pem', pem: await exportSPKI(es.publicKey) }, clock }))).toBe(
      'ERR_JWT_INVALID:wrong-alg',
    );
    const pem = await exportSPKI(publicKey);
    expect(await reason(verifyJwt(rs, { key: { kind: 'pem', pem }, algorithms: ['PS256'], clock }))).toBe(
      'ERR_JWT_INVALID:wrong-alg',
    );
    expect(await reason(verifyJwt(rs, { key: { kind: 'pem', pem }, audience: 'other', clock }))).toBe(
      'ERR_JWT_INVALID:claim-mismatch',
    );
    expect(await reason(verifyJwt(rs, { key: { kind: 'pem', pem }, issuer: 'https://evil.test', clock }))).toBe(
      'ERR_JWT_INVALID:claim-mismatch',
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect(await reason(verifyJwt(none, { key: { kind: 'secret', secret: SECRET }, clock }))).toBe(
      'ERR_JWT_INVALID:wrong-alg',
    );
  });

  it('uses an inline JWKS and reports no matching key', async () => {
    const a = await pair('ES256');
    const b = await generateKeyPair('ES256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'ES256' }] };
    const good = await joseToken('ES256', a.privateKey, {}, 'a');
    expect((await verifyJwt(good, { key: { kind: 'jwk', jwk: JSON.stringify(jwks) }, clock })).kid).toBe('a');
    const unknown = await joseToken('ES256', b.privateKey, {}, 'zzz');
    expect(await reason(verifyJwt(unknown, { key: { kind: 'jwk', jwk: jwks }, clock }))).toBe(
      'ERR_JWT_INVALID:no-matching-key',
    );
  });

  it('refuses an unparsable PEM as bad input', async () => {
    const t = await joseToken('RS256', (await pair('RS256')).privateKey);
    expect(await reason(verifyJwt(t, { key: { kind: 'pem', pem: '-----BEGIN PUBLIC KEY-----\nnope\n' }, clock }))).toBe(
      'ERR_BAD_INPUT:key',
    );
  });
});

describe('sign', () => {
  it.each([...HS, ...ASYM])(
    '%s from a JWT signer credential (PEM key), verified by jose-made public key',
    async (alg) => {
      let key = SECRET;
      let verifyKey: { kind: 'secret'; secret: string } | { kind: 'pem'; pem: string } = {
        kind: 'secret',
        secret: SECRET,
      };
      if (!alg.startsWith('HS')) {
        const p = await pair(alg);
        key = await exportPKCS8(p.privateKey);
        verifyKey = { kind: 'pem', pem: await exportSPKI(p.publicKey) };
      }
      const fields = JwtSignerFields.parse({
        algorithm: alg,
        key,
        issuer: 'latch',
        subject: 'svc',
        audience: 'api',
        lifetimeSeconds: 120,
        keyId: 'k1',
        claims: '{"scope":"write","n":1}',
      });
      const signed = await signWithJwtSigner(fields, { clock });
      expect(signed.expiresAt).toBe((nowSec + 120) * 1000);
      const v = await verifyJwt(signed.token, {
        key: verifyKey,
        clock,
        issuer: 'latch',
        audience: 'api',
        subject: 'svc',
      });
      expect(v.header).toMatchObject({ alg, kid: 'k1', typ: 'JWT' });
      expect(v.claims).toMatchObject({ scope: 'write', n: 1, iat: nowSec, exp: nowSec + 120 });
    },
  );

  it('signs with a JWK private key', async () => {
    const p = await pair('ES384');
    const jwk = JSON.stringify(await exportJWK(p.privateKey));
    const { token } = await signJwt({ algorithm: 'ES384', key: jwk, clock });
    expect((await verifyJwt(token, { key: { kind: 'jwk', jwk: await exportJWK(p.publicKey) }, clock })).alg).toBe(
      'ES384',
    );
  });

  it('refuses bad extra claims JSON', async () => {
    const fields = JwtSignerFields.parse({ algorithm: 'HS256', key: SECRET, claims: '{nope' });
    expect(await reason(signWithJwtSigner(fields, { clock }))).toBe('ERR_BAD_INPUT:claims');
  });
});

describe('validateJwtSignerKey', () => {
  it('accepts a good key and explains bad ones', async () => {
    const rs = await pair('RS256');
    const pkcs8 = await exportPKCS8(rs.privateKey);
    expect(validateJwtSignerKey({ algorithm: 'RS256', key: pkcs8 })).toMatchObject({ ok: true });
    expect(
      validateJwtSignerKey({ algorithm: 'RS256', key: '-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----' }),
    ).toMatchObject({ ok: false, field: 'key' });
    expect(validateJwtSignerKey({ algorithm: 'RS256', key: await exportSPKI(rs.publicKey) })).toMatchObject({
      ok: false,
      field: 'key',
    });
    expect(validateJwtSignerKey({ algorithm: 'ES256', key: pkcs8 })).toMatchObject({ ok: false, field: 'algorithm' });
    expect(validateJwtSignerKey({ algorithm: 'HS256', key: 'short' })).toMatchObject({
      ok: true,
      warnings: [expect.any(String)],
    });
    expect(validateJwtSignerKey({ algorithm: 'HS256', key: SECRET, claims: '[1]' })).toMatchObject({
      ok: false,
      field: 'claims',
    });
  });
});
