import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { decodeJwt } from '../../../main/core/jwt';
import { appForTest, createTestVault } from '../../support/app-for-test';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const SECRET = 'a stored HMAC secret';
// A trailing space is part of a pasted secret: the service must not trim it.
const PASTED = 'an HMAC secret that ends in a space ';

let dir: string;
let app: AppServices;
let serviceId: string;
let signerId: string;
let bearerId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-jwt-app-'));
  app = appForTest(dir, { clock: { now: () => NOW } });
  await createTestVault(app);
  serviceId = await app.credentials.createService({ name: 'API' });
  signerId = await app.credentials.addCredential(serviceId, {
    kind: 'jwt-signer',
    name: 'signer',
    fields: { algorithm: 'HS256', key: SECRET, issuer: 'latch-test', claims: '{"role":"reader"}' },
  });
  bearerId = await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'token', fields: { token: 't' } });
});

afterAll(async () => {
  await app.vault.lock(false);
  rmSync(dir, { recursive: true, force: true });
});

describe('the JWT service', () => {
  it('signs with a stored signer, its claims under the ones asked for, at the service clock', async () => {
    const signed = await app.jwt.sign({ serviceId, credentialId: signerId, claims: '{"scope":"x"}' });
    expect(signed.issuedAt).toBe(NOW);
    const { claims } = decodeJwt(signed.token);
    expect(claims).toMatchObject({ iss: 'latch-test', role: 'reader', scope: 'x' });
    const verdict = await app.jwt.verify(signed.token, { kind: 'secret', value: SECRET }, { issuer: 'latch-test' });
    expect(verdict).toMatchObject({ valid: true, alg: 'HS256' });
  });

  it('uses a pasted secret byte for byte: without its trailing space the signature is bad', async () => {
    const signed = await app.jwt.sign({ algorithm: 'HS256', key: PASTED });
    expect(await app.jwt.verify(signed.token, { kind: 'secret', value: PASTED }, {})).toMatchObject({ valid: true });
    const verdict = await app.jwt.verify(signed.token, { kind: 'secret', value: PASTED.trim() }, {});
    expect(verdict).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('answers a wrong issuer as invalid with the reason, not as an error', async () => {
    const signed = await app.jwt.sign({ algorithm: 'HS256', key: SECRET, issuer: 'someone' });
    const verdict = await app.jwt.verify(signed.token, { kind: 'secret', value: SECRET }, { issuer: 'latch-test' });
    expect(verdict.valid).toBe(false);
    expect(verdict.valid === false && verdict.reason).toBeTruthy();
  });

  it('refuses to sign with a credential that is not a JWT signer', async () => {
    await expect(app.jwt.sign({ serviceId, credentialId: bearerId })).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });
});
