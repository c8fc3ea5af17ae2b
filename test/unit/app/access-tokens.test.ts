import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCliSession } from '../../../main/app/cli-session';
import { Credentials } from '../../../main/app/credentials/credentials';
import { EventBus } from '../../../main/app/events';
import { AccessTokens } from '../../../main/app/secrets/access-tokens';
import { SecretAccess } from '../../../main/app/secrets/secret-access';
import { fixedVault } from '../../../main/app/vault/vault-access';
import type { TokenSet } from '../../../main/core/model/credential';
import { needsRefresh, refreshDueAt } from '../../../main/core/oauth';
import { createVault } from '../../../main/core/vault/create-vault';

const T0 = 1_700_000_000_000;
const S = 1000;
const MIN = 60 * S;

describe('the refresh rule', () => {
  const token = (lifetimeMs: number) => ({ obtainedAt: T0, expiresAt: T0 + lifetimeMs });

  it('a 60 s token is not refreshed 1 s after sign-in; it is at 80% of its life', () => {
    expect(needsRefresh(token(60 * S), T0 + S)).toBe(false);
    expect(needsRefresh(token(60 * S), T0 + 47 * S)).toBe(false);
    expect(needsRefresh(token(60 * S), T0 + 48 * S)).toBe(true);
  });

  it('a 1 h token is refreshed at 55 min (5 minutes before expiry), not before', () => {
    expect(refreshDueAt(token(60 * MIN))).toBe(T0 + 55 * MIN);
    expect(needsRefresh(token(60 * MIN), T0 + 54 * MIN)).toBe(false);
    expect(needsRefresh(token(60 * MIN), T0 + 55 * MIN)).toBe(true);
  });

  it('never sooner than 10 s after issue; an expired token is always due; no expiry, never', () => {
    expect(refreshDueAt(token(5 * S))).toBe(T0 + 10 * S);
    expect(needsRefresh(token(5 * S), T0 + 6 * S)).toBe(true); // expired
    expect(needsRefresh(token(5 * S), T0 + 4 * S)).toBe(false);
    expect(needsRefresh({ obtainedAt: T0 }, T0 + 1e12)).toBe(false);
  });
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(tokens: Partial<TokenSet> | undefined, now: { t: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'latch-tokens-'));
  dirs.push(dir);
  const { vault } = await createVault({ path: join(dir, 'v.latch'), password: 'pw-pw-pw-pw', iterations: 100_000 });
  const clock = { now: () => now.t };
  const credentials = new Credentials({ vault: fixedVault(vault), events: new EventBus(), clock });
  const serviceId = await credentials.createService({ name: 'api' });
  const credentialId = await credentials.addCredential(serviceId, {
    kind: 'oauth2',
    name: 'client',
    fields: {
      clientId: 'cid',
      tokenEndpoint: 'https://auth.example.com/token',
      ...(tokens ? { tokens: { accessToken: 'at-1', tokenType: 'Bearer', obtainedAt: T0, ...tokens } } : {}),
    },
  });
  const renewed: string[] = [];
  const accessTokens = new AccessTokens({
    credentials,
    clock,
    renew: async (sid, cid) => {
      renewed.push(cid);
      await new Promise((r) => setTimeout(r, 5));
      await credentials.setTokens(sid, cid, {
        accessToken: `at-${renewed.length + 1}`,
        tokenType: 'Bearer',
        refreshToken: 'rt-2',
        obtainedAt: now.t,
        expiresAt: now.t + 60 * MIN,
      });
    },
  });
  const secrets = new SecretAccess({ credentials, accessTokens, clock });
  return { vault, credentials, accessTokens, secrets, serviceId, credentialId, renewed };
}

describe('AccessTokens', () => {
  it('hands out the stored token while it is not due, without asking the server', async () => {
    const now = { t: T0 + S };
    const s = await setup({ refreshToken: 'rt-1', expiresAt: T0 + 60 * S }, now);
    expect((await s.accessTokens.fresh(s.serviceId, s.credentialId)).tokens.accessToken).toBe('at-1');
    expect(s.renewed).toEqual([]);
  });

  it('renews a due token, saves it, and two readers at once share one renewal', async () => {
    const now = { t: T0 + 55 * MIN };
    const s = await setup({ refreshToken: 'rt-1', expiresAt: T0 + 60 * MIN }, now);
    const [a, b] = await Promise.all([
      s.accessTokens.fresh(s.serviceId, s.credentialId),
      s.accessTokens.fresh(s.serviceId, s.credentialId),
    ]);
    expect(a.tokens.accessToken).toBe('at-2');
    expect(b.tokens.accessToken).toBe('at-2');
    expect(a.refreshed).toBe(true);
    expect(s.renewed).toHaveLength(1);
    const stored = await s.credentials.credential(s.serviceId, s.credentialId);
    expect(stored.credential.kind === 'oauth2' && stored.credential.fields.tokens?.accessToken).toBe('at-2');
  });

  it('force (after a 401) renews even a fresh token', async () => {
    const now = { t: T0 + S };
    const s = await setup({ refreshToken: 'rt-1', expiresAt: T0 + 60 * MIN }, now);
    expect((await s.accessTokens.fresh(s.serviceId, s.credentialId, { force: true })).tokens.accessToken).toBe('at-2');
  });

  it('expired without a refresh token: ERR_OAUTH_LOGIN_REQUIRED; due but still valid: handed out', async () => {
    const now = { t: T0 + 61 * S };
    const s = await setup({ expiresAt: T0 + 60 * S }, now);
    await expect(s.accessTokens.fresh(s.serviceId, s.credentialId)).rejects.toMatchObject({
      code: 'ERR_OAUTH_LOGIN_REQUIRED',
    });
    now.t = T0 + 50 * S;
    expect((await s.accessTokens.fresh(s.serviceId, s.credentialId)).tokens.accessToken).toBe('at-1');
  });
});

describe('SecretAccess hands out a fresh access token, never an expired stored one', () => {
  it('reveal, the env line and a reference resolve all go through AccessTokens', async () => {
    const now = { t: T0 + 2 * 60 * MIN };
    const s = await setup({ refreshToken: 'rt-1', expiresAt: T0 + 60 * MIN }, now);
    expect((await s.secrets.reveal(s.serviceId, s.credentialId, 'accessToken')).value).toBe('at-2');
    const located = await s.credentials.credential(s.serviceId, s.credentialId);
    expect((await s.secrets.text(located, 'env', null)).text).toBe('API_CLIENT=at-2');
    expect((await s.secrets.resolve('latch://api/client')).value).toBe('at-2');
    expect(s.renewed).toHaveLength(1);
  });

  it('the command line session uses the same rule: an expired token without a way to renew is refused', async () => {
    const now = { t: T0 + 2 * 60 * MIN };
    const s = await setup({ expiresAt: T0 + 60 * MIN }, now);
    const session = openCliSession(s.vault, { now: () => now.t });
    await expect(session.secrets.resolve('latch://api/client')).rejects.toMatchObject({
      code: 'ERR_OAUTH_LOGIN_REQUIRED',
    });
  });
});
