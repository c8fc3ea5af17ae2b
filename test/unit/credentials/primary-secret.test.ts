import { describe, expect, it } from 'vitest';
import { isSecretField, readableFields, readSecretField } from '../../../main/core/credentials/primary-secret';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { decodeJwt } from '../../../main/core/jwt/decode';
import type { CredentialKind } from '../../../main/core/model/credential';
import { LatchError } from '../../../main/core/model/errors';
import { MemoryRecordVault } from './memory-record-vault';
import { GOOD } from './samples';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const DAY = 86_400_000;

async function setup(kind: CredentialKind, fields: Record<string, unknown> = GOOD[kind]) {
  const clock = {
    t: T,
    now() {
      return this.t;
    },
  };
  const store = new ServiceStore(new MemoryRecordVault(), clock);
  const sid = await store.createService({ name: 'Svc' });
  const cid = await store.addCredential(sid, { kind, name: 'cred', fields });
  return { store, clock, sid, cid, located: () => store.credential(sid, cid) };
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; detail: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LatchError) return { code: e.code, message: e.message, detail: e.detail };
  }
  return { code: 'resolved', message: '', detail: null };
}

describe('readSecretField', () => {
  it('returns plain fields, the primary field by default, and numbers/lists as text', async () => {
    const { located, clock } = await setup('api-key');
    expect(await readSecretField(await located(), null, { clock })).toBe('sk_live_abc123');
    expect(await readSecretField(await located(), 'header', { clock })).toBe('Authorization');
    const hmac = await setup('hmac');
    expect(await readSecretField(await hmac.located(), 'keyId', { clock })).toBe('key-1');
    const aws = await setup('aws-sigv4');
    expect(await readSecretField(await aws.located(), null, { clock })).toBe(GOOD['aws-sigv4'].secretAccessKey);
    expect(await readSecretField(await aws.located(), 'unsignedPayload', { clock })).toBe('false');
  });

  it('computes the current TOTP code (RFC 6238 SHA-1 vector at 59 s)', async () => {
    // "12345678901234567890" in Base32; at T = 59 s the 8-digit code is 94287082.
    const { located, clock } = await setup('totp', { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 });
    clock.t = 59_000;
    expect(await readSecretField(await located(), null, { clock })).toBe('94287082');
    expect(await readSecretField(await located(), 'code', { clock })).toBe('94287082');
  });

  it('mints a fresh JWT for a signer, with the clock given', async () => {
    const { located, clock } = await setup('jwt-signer');
    const token = await readSecretField(await located(), null, { clock });
    const decoded = decodeJwt(token);
    expect(decoded.claims).toMatchObject({ iss: 'svc@example.com', iat: T / 1000, exp: T / 1000 + 300 });
  });

  it('hands out the OAuth access token, through the callback when given', async () => {
    const { store, sid, cid, located, clock } = await setup('oauth2');
    expect((await codeOf(readSecretField(await located(), null, { clock }))).code).toBe('ERR_OAUTH_LOGIN_REQUIRED');
    await store.setTokens(sid, cid, { accessToken: 'at-1', tokenType: 'Bearer', refreshToken: 'rt-1', obtainedAt: T });
    expect(await readSecretField(await located(), null, { clock })).toBe('at-1');
    expect(await readSecretField(await located(), 'refreshToken', { clock })).toBe('rt-1');
    expect(
      await readSecretField(await located(), 'accessToken', { clock, getAccessToken: async () => 'refreshed' }),
    ).toBe('refreshed');
    expect((await codeOf(readSecretField(await located(), 'idToken', { clock }))).code).toBe('ERR_NOT_FOUND');
    expect((await codeOf(readSecretField(await located(), 'tokens', { clock }))).code).toBe('ERR_NOT_FOUND');
  });

  it('returns the previous value during the grace period only', async () => {
    const { store, sid, cid, located, clock } = await setup('bearer');
    expect((await codeOf(readSecretField(await located(), 'previous.token', { clock }))).code).toBe('ERR_NOT_FOUND');
    await store.rotate(sid, cid, { token: 'new-token' }, 2);
    expect(await readSecretField(await located(), null, { clock })).toBe('new-token');
    expect(await readSecretField(await located(), 'previous.token', { clock })).toBe('opaque-token-123');
    clock.t += 3 * DAY;
    expect((await codeOf(readSecretField(await located(), 'previous.token', { clock }))).code).toBe('ERR_NOT_FOUND');
  });

  it('names the valid fields when asked for one the kind lacks', async () => {
    const { located, clock } = await setup('basic');
    const e = await codeOf(readSecretField(await located(), 'token', { clock }));
    expect(e.code).toBe('ERR_NOT_FOUND');
    expect(e.message).toContain('username, password');
    expect(e.message).not.toContain('correct horse');
    expect(readableFields('totp')).toContain('code');
    expect([
      isSecretField('totp', 'code'),
      isSecretField('api-key', 'header'),
      isSecretField('bearer', 'previous.token'),
    ]).toEqual([true, false, true]);
    expect(readableFields('oauth2')).not.toContain('tokens');
    const unset = await codeOf(readSecretField(await (await setup('api-key')).located(), 'query', { clock }));
    expect(unset.code).toBe('ERR_NOT_FOUND');
  });
});
