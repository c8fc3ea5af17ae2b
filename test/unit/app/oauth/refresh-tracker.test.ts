import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../../../main/app/credentials/credentials';
import { EventBus } from '../../../../main/app/events';
import { RefreshTracker } from '../../../../main/app/oauth/refresh-tracker';
import { fixedVault } from '../../../../main/app/vault/vault-access';
import type { TokenSet } from '../../../../main/core/model/credential';
import { LatchError } from '../../../../main/core/model/errors';
import type { OAuth2Config, Timers } from '../../../../main/core/oauth';
import { createVault } from '../../../../main/core/vault/create-vault';
import { until } from '../../../support/until';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Timers the test fires by hand: no waiting, no real clock. */
function manualTimers() {
  const pending = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { at: ms, run });
      return next++;
    },
    clearTimeout: (h) => pending.delete(h as number),
  };
  return {
    timers,
    count: () => pending.size,
    fireAll: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.run();
    },
  };
}

function tokens(accessToken: string, refreshToken = 'RT-1'): TokenSet {
  return { accessToken, refreshToken, tokenType: 'Bearer', obtainedAt: T0, expiresAt: T0 + HOUR };
}

async function setup(refresh: (id: string, config: OAuth2Config) => Promise<TokenSet>) {
  const dir = mkdtempSync(join(tmpdir(), 'latch-tracker-'));
  dirs.push(dir);
  const { vault } = await createVault({ path: join(dir, 'v.latch'), password: 'pw-pw-pw-pw', iterations: 100_000 });
  const now = { t: T0 };
  const credentials = new Credentials({
    vault: fixedVault(vault),
    events: new EventBus(),
    clock: { now: () => now.t },
  });
  const serviceId = await credentials.createService({ name: 'api' });
  const credentialId = await credentials.addCredential(serviceId, {
    kind: 'oauth2',
    name: 'client',
    fields: { clientId: 'cid', tokenEndpoint: 'https://as.example/token', tokens: tokens('AT-1') },
  });
  const t = manualTimers();
  const heard: string[] = [];
  const tracker = new RefreshTracker({
    clock: { now: () => now.t },
    timers: t.timers,
    store: () => credentials.store({ background: true }),
    refresh,
    save: (s, id, set) => credentials.setTokens(s, id, set, { background: true }),
    listener: {
      refreshed: (id) => heard.push(`refreshed ${id}`),
      loginRequired: (id, s) => heard.push(`login ${id} ${s}`),
      willExpire: (id) => heard.push(`expire ${id}`),
      failed: (id, e) => heard.push(`failed ${id} ${e.code}`),
    },
  });
  const stored = async () => {
    const { credential } = await credentials.credential(serviceId, credentialId);
    return credential.kind === 'oauth2' ? credential.fields.tokens : undefined;
  };
  return { tracker, credentials, serviceId, credentialId, now, t, heard, stored };
}

describe('RefreshTracker', () => {
  it('on start it watches every credential with tokens, refreshes when due and saves the new set', async () => {
    const s = await setup(async () => tokens('AT-2', 'RT-2'));
    await s.tracker.start();
    expect(s.tracker.has(s.credentialId)).toBe(true);
    expect(s.t.count()).toBe(1);
    s.now.t = T0 + HOUR - 5 * 60_000;
    s.t.fireAll();
    await until(() => s.heard.length === 1);
    expect(s.heard).toEqual([`refreshed ${s.credentialId}`]);
    expect((await s.stored())?.refreshToken).toBe('RT-2');
  });

  it('a refused refresh token is not retried, not even after an unrelated edit, until new tokens come', async () => {
    let calls = 0;
    const s = await setup(async () => {
      calls++;
      throw new LatchError('ERR_OAUTH_LOGIN_REQUIRED', 'Refreshing the token: a new sign-in is needed.');
    });
    await s.tracker.start();
    s.t.fireAll();
    await until(() => s.heard.length === 1);
    expect(s.heard[0]).toBe(`login ${s.credentialId} ${s.serviceId}`);
    await s.credentials.updateService(s.serviceId, { name: 'api renamed' });
    await s.tracker.resync();
    expect(s.tracker.has(s.credentialId)).toBe(false);
    expect(calls).toBe(1);
    await s.credentials.setTokens(s.serviceId, s.credentialId, tokens('AT-new'));
    await s.tracker.resync();
    expect(s.tracker.has(s.credentialId)).toBe(true);
  });

  it('a set refreshed elsewhere meanwhile wins: nothing is asked of the server', async () => {
    let calls = 0;
    const s = await setup(async () => {
      calls++;
      return tokens('AT-x');
    });
    await s.tracker.start();
    const fresher = { ...tokens('AT-other', 'RT-other'), obtainedAt: T0 + HOUR - 60_000, expiresAt: T0 + 2 * HOUR };
    // Written without a resync, as the request tester's on-demand refresh would race the timer.
    await s.credentials.setTokens(s.serviceId, s.credentialId, fresher, { background: true });
    s.now.t = T0 + HOUR - 60_000;
    s.t.fireAll();
    await until(() => s.heard.length === 1);
    expect(calls).toBe(0);
    expect((await s.stored())?.accessToken).toBe('AT-other');
  });

  it('a lock while a refresh is on the wire waits for it and saves the rotated refresh token', async () => {
    let answer: ((t: TokenSet) => void) | undefined;
    const s = await setup(() => new Promise<TokenSet>((r) => (answer = r)));
    await s.tracker.start();
    s.t.fireAll();
    await until(() => answer !== undefined);
    const stopped = s.tracker.stop();
    answer?.(tokens('AT-rotated', 'RT-rotated'));
    await stopped;
    expect((await s.stored())?.refreshToken).toBe('RT-rotated');
    expect(s.tracker.has(s.credentialId)).toBe(false);
    expect(s.t.count()).toBe(0);
  });
});
