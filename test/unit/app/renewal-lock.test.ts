// One renewal per credential across processes: two sessions on one vault file (as two Latch
// processes would hold it), each with its own AccessTokens, share the file's renewal lock.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCliSession } from '../../../main/app/cli-session';
import { Credentials } from '../../../main/app/credentials/credentials';
import { EventBus } from '../../../main/app/events';
import { AccessTokens, decide } from '../../../main/app/secrets/access-tokens';
import { fixedVault } from '../../../main/app/vault/vault-access';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import type { FieldsOf } from '../../../main/core/model/credential';
import { REFRESH_RULE } from '../../../main/core/oauth/refresh-rule';
import { systemClock } from '../../../main/core/platform';
import { createVault } from '../../../main/core/vault/create-vault';
import { nodeFileSystem } from '../../../main/core/vault/fs-port';
import { openVault } from '../../../main/core/vault/open';
import type { OpenVault } from '../../../main/core/vault/open-vault';
import { renewalLock } from '../../../main/core/vault/renewal-lock';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const PASSWORD = 'pw-pw-pw-pw';

const fields = (tokens?: Partial<NonNullable<FieldsOf<'oauth2'>['tokens']>>): FieldsOf<'oauth2'> =>
  ({
    clientId: 'cid',
    tokenEndpoint: 'https://auth.example.com/token',
    ...(tokens ? { tokens: { accessToken: 'at-1', tokenType: 'Bearer', obtainedAt: T0, ...tokens } } : {}),
  }) as FieldsOf<'oauth2'>;

describe('decide: what the tokens on disk call for once the lock is held', () => {
  const due = T0 + 59 * MIN;
  it('a set another process renewed meanwhile is used, not renewed again', () => {
    expect(decide(fields({ refreshToken: 'rt', expiresAt: T0 + 60 * MIN }), due, REFRESH_RULE, undefined)).toBe(
      'renew',
    );
    expect(
      decide(fields({ refreshToken: 'rt', obtainedAt: due, expiresAt: due + 60 * MIN }), due, REFRESH_RULE, undefined),
    ).toBe('use');
  });
  it('after a 401 (force) the refused token is renewed; one another process already replaced is used', () => {
    const f = fields({ refreshToken: 'rt', expiresAt: T0 + 60 * MIN });
    expect(decide(f, T0 + MIN, REFRESH_RULE, { refused: 'at-1' })).toBe('renew');
    expect(decide(f, T0 + MIN, REFRESH_RULE, { refused: 'at-0' })).toBe('use');
  });
  it('nothing to renew with: used while valid, else a sign-in', () => {
    expect(decide(fields({ expiresAt: T0 + 60 * MIN }), due, REFRESH_RULE, undefined)).toBe('use');
    expect(decide(fields({ expiresAt: T0 + 60 * MIN }), T0 + 61 * MIN, REFRESH_RULE, undefined)).toBe('login');
    expect(decide(fields(), due, REFRESH_RULE, undefined)).toBe('login');
  });
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A second "process": its own OpenVault on the same file, its own services, the same lock file. */
function processOn(vault: OpenVault, now: { t: number }, renewed: string[], lockWaitMs?: number) {
  const clock = { now: () => now.t };
  const credentials = new Credentials({ vault: fixedVault(vault), events: new EventBus(), clock });
  const accessTokens = new AccessTokens({
    credentials,
    clock,
    lock: renewalLock(nodeFileSystem, vault.path, lockWaitMs === undefined ? {} : { waitMs: lockWaitMs }),
    reload: () => vault.reload(),
    renew: async (sid, cid) => {
      renewed.push(cid);
      // The token endpoint's round trip: the other process must be waiting on the lock meanwhile.
      await new Promise((r) => setTimeout(r, 30));
      await credentials.setTokens(sid, cid, {
        accessToken: `at-${renewed.length + 1}`,
        tokenType: 'Bearer',
        refreshToken: `rt-${renewed.length + 1}`,
        obtainedAt: now.t,
        expiresAt: now.t + 60 * MIN,
      });
    },
  });
  return { credentials, accessTokens };
}

async function twoProcesses() {
  const dir = mkdtempSync(join(tmpdir(), 'latch-renew-'));
  dirs.push(dir);
  const path = join(dir, 'v.latch');
  const { vault: a } = await createVault({ path, password: PASSWORD, iterations: 100_000 });
  const now = { t: T0 };
  const renewed: string[] = [];
  const pa = processOn(a, now, renewed);
  const serviceId = await pa.credentials.createService({ name: 'api' });
  const credentialId = await pa.credentials.addCredential(serviceId, {
    kind: 'oauth2',
    name: 'client',
    fields: fields({ refreshToken: 'rt-1', expiresAt: T0 + 60 * MIN }),
  });
  const b = await openVault({ path, password: PASSWORD });
  return { path, a, b, now, renewed, pa, serviceId, credentialId };
}

describe('the renewal lock across processes', () => {
  it('two processes with the same due token: one renews, the other re-reads and uses its set', async () => {
    const s = await twoProcesses();
    const pb = processOn(s.b, s.now, s.renewed);
    s.now.t = T0 + 59 * MIN;
    const [x, y] = await Promise.all([
      s.pa.accessTokens.fresh(s.serviceId, s.credentialId),
      pb.accessTokens.fresh(s.serviceId, s.credentialId),
    ]);
    expect(s.renewed).toHaveLength(1);
    expect(x.tokens.accessToken).toBe('at-2');
    expect(y.tokens.accessToken).toBe('at-2');
    expect([x.refreshed, y.refreshed].sort()).toEqual([false, true]);
    // The lock file is gone once released.
    expect(await nodeFileSystem.readdir(join(s.path, '..'))).not.toContainEqual(expect.stringMatching(/\.lock$/));
  });

  it("a killed renewer's lock (its process is gone) does not block the next renewal", async () => {
    const s = await twoProcesses();
    const lockName = (await lockPathOf(s.path, s.credentialId)).name;
    writeFileSync(
      join(s.path, '..', lockName),
      JSON.stringify({ pid: 2 ** 22 + 4242, host: hostname(), at: Date.now(), token: 'dead' }),
    );
    s.now.t = T0 + 59 * MIN;
    const started = Date.now();
    expect((await s.pa.accessTokens.fresh(s.serviceId, s.credentialId)).tokens.accessToken).toBe('at-2');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a live holder that never lets go: the waiter gives up at its bound with a clear error', async () => {
    const s = await twoProcesses();
    const release = await renewalLock(nodeFileSystem, s.path)(s.credentialId);
    const pb = processOn(s.b, s.now, s.renewed, 200);
    s.now.t = T0 + 59 * MIN;
    const err = await pb.accessTokens.fresh(s.serviceId, s.credentialId).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_TIMEOUT', message: expect.stringContaining('renewing this OAuth token') });
    expect(s.renewed).toHaveLength(0);
    await release();
  });
});

/** The lock file renewalLock takes for a credential, found by taking it once. */
async function lockPathOf(path: string, credentialId: string): Promise<{ name: string }> {
  const before = new Set(await nodeFileSystem.readdir(join(path, '..')));
  const release = await renewalLock(nodeFileSystem, path)(credentialId);
  const name = (await nodeFileSystem.readdir(join(path, '..'))).find((n) => !before.has(n))!;
  await release();
  return { name };
}

describe('a renewed set whose save loses the race to another process', () => {
  const set = (prefix: string, n: number, at: number) => ({
    accessToken: `${prefix}-at-${n}`,
    tokenType: 'Bearer',
    refreshToken: `${prefix}-rt-${n}`,
    obtainedAt: at,
    expiresAt: at + 60 * MIN,
  });

  /**
   * The token endpoint, on the wire while the other process (renewing the service's second client under its own
   * lock) saves its new set to the same service record: the renewer's save then loses the race.
   */
  function endpointWhile(otherSaves: () => Promise<void>) {
    const requests: string[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      requests.push(new URLSearchParams(String(init.body)).get('refresh_token') ?? '');
      await otherSaves();
      return Response.json({
        access_token: 'one-at-2',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'one-rt-2',
      });
    });
    return requests;
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Both clients' token sets as the file holds them, read by a third process. */
  async function onDisk(path: string, password: string, serviceId: string) {
    const c = await openVault({ path, password });
    try {
      const body = await new ServiceStore(c, systemClock).body(serviceId);
      return Object.fromEntries(
        body.credentials.map((x) => [x.name, x.kind === 'oauth2' ? x.fields.tokens?.refreshToken : undefined]),
      );
    } finally {
      c.lock();
    }
  }

  /** A command line's session (with the renewal lock) on a new vault whose service "api" has a client "one" due. */
  async function commandLineWithDueClient(prefix: string) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const path = join(dir, 'v.latch');
    const { vault: a } = await createVault({ path, password: PASSWORD, iterations: 100_000 });
    const clock = { now: () => T0 + 59 * MIN };
    const sa = openCliSession(a, clock, renewalLock(nodeFileSystem, path));
    const serviceId = await sa.credentials.createService({ name: 'api' });
    const one = await sa.credentials.addCredential(serviceId, {
      kind: 'oauth2',
      name: 'one',
      fields: fields({ ...set('one', 1, T0), expiresAt: T0 + 60 * MIN }),
    });
    return { dir, path, clock, sa, serviceId, one };
  }

  it("a command line: its set is saved onto the other process's version of the service, whose new set stays", async () => {
    const { path, clock, sa, serviceId, one } = await commandLineWithDueClient('latch-renew-race-');
    const two = await sa.credentials.addCredential(serviceId, {
      kind: 'oauth2',
      name: 'two',
      fields: fields(set('two', 1, T0)),
    });
    const sb = openCliSession(await openVault({ path, password: PASSWORD }), clock);
    const requests = endpointWhile(() => sb.credentials.setTokens(serviceId, two, set('two', 2, T0 + 59 * MIN)));

    const got = await sa.accessTokens.fresh(serviceId, one);
    expect(requests).toEqual(['one-rt-1']);
    expect(got.tokens).toMatchObject({ accessToken: 'one-at-2', refreshToken: 'one-rt-2' });
    // Before, the re-save wrote this process's whole service back: "two" lost the set its process had just
    // renewed, and its next renewal would spend a refresh token already spent (a rotating server revokes the grant).
    expect(await onDisk(path, PASSWORD, serviceId)).toEqual({ one: 'one-rt-2', two: 'two-rt-2' });
  });

  it("a renewer stopped past the lock's stale age (Ctrl-Z): on resume it neither overwrites the newer set nor releases the next lock", async () => {
    const { dir, path, clock, sa, serviceId, one } = await commandLineWithDueClient('latch-renew-stopped-');
    const lockName = (await lockPathOf(path, one)).name;
    const lockToken = () => (JSON.parse(readFileSync(join(dir, lockName), 'utf8')) as { token: string }).token;
    let releaseB: (() => Promise<void>) | undefined;
    let bToken = '';
    // The token endpoint answers A, and A is stopped before it saves. Over a minute later, by B's clock, B finds A's
    // lock stale and breaks it, renews (a server that does not rotate, or lets a refresh token be used twice in a
    // short window) and saves its set; it still holds its lock when A resumes.
    endpointWhile(async () => {
      releaseB = await renewalLock(nodeFileSystem, path, { now: () => Date.now() + 61_000 })(one);
      bToken = lockToken();
      const sb = openCliSession(await openVault({ path, password: PASSWORD }), clock);
      await sb.credentials.setTokens(serviceId, one, set('one', 3, T0 + 60 * MIN));
      sb.vault.lock();
    });

    const got = await sa.accessTokens.fresh(serviceId, one);
    // B's set is newer than the one A renewed from: it stays, and is what A uses.
    expect(await onDisk(path, PASSWORD, serviceId)).toEqual({ one: 'one-rt-3' });
    expect(got.tokens).toMatchObject({ accessToken: 'one-at-3', refreshToken: 'one-rt-3' });
    // A's release left B's lock alone (its token is not A's).
    expect(lockToken()).toBe(bToken);
    await releaseB!();
    expect(readdirSync(dir).filter((n) => n.includes('.lock'))).toEqual([]);
  });

  it("a renewer stopped past the lock's stale age does not bring back tokens signed out meanwhile", async () => {
    const { path, clock, sa, serviceId, one } = await commandLineWithDueClient('latch-renew-signed-out-');
    // While A is stopped after its token request, the user signs the credential out in another process (which
    // breaks A's stale lock): the sign-out revoked the grant on purpose, and A's renewed set must not undo it.
    endpointWhile(async () => {
      const release = await renewalLock(nodeFileSystem, path, { now: () => Date.now() + 61_000 })(one);
      const sb = openCliSession(await openVault({ path, password: PASSWORD }), clock);
      await sb.credentials.setTokens(serviceId, one, undefined);
      sb.vault.lock();
      await release();
    });

    await expect(sa.accessTokens.fresh(serviceId, one)).rejects.toMatchObject({
      code: 'ERR_OAUTH_LOGIN_REQUIRED',
      message: expect.stringContaining('signed out while its token was being renewed'),
    });
    expect(await onDisk(path, PASSWORD, serviceId)).toEqual({ one: undefined });
  });

  it('a sign-out in the same process while the token request is on the wire is not undone by the renewed set', async () => {
    const { path, serviceId, sa, one } = await commandLineWithDueClient('latch-renew-same-signout-');
    // No other process, so no lost race: the renewer's own save would succeed at once.
    endpointWhile(() => sa.credentials.setTokens(serviceId, one, undefined));
    await expect(sa.accessTokens.fresh(serviceId, one)).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
    expect(await onDisk(path, PASSWORD, serviceId)).toEqual({ one: undefined });
  });

  it('an edit that moves the token endpoint meanwhile (tokens dropped) does not get the renewed set back', async () => {
    const { path, serviceId, sa, one } = await commandLineWithDueClient('latch-renew-same-moved-');
    // oauth-destination.ts drops the tokens when an endpoint changes, so the refresh token never goes to the new
    // host. The renewal in flight from before the edit must not put a fresh refresh token back beside that host.
    endpointWhile(() =>
      sa.credentials.updateCredential(serviceId, one, { fields: { tokenEndpoint: 'https://elsewhere.example/token' } }),
    );
    await expect(sa.accessTokens.fresh(serviceId, one)).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
    expect(await onDisk(path, PASSWORD, serviceId)).toEqual({ one: undefined });
  });

  it("the app: its set is saved onto the other process's version, and no save-failed banner is left", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-renew-race-app-'));
    dirs.push(dir);
    const app = appForTest(dir);
    await createTestVault(app);
    try {
      const t = Date.now();
      const serviceId = await app.credentials.createService({ name: 'api' });
      const one = await app.credentials.addCredential(serviceId, {
        kind: 'oauth2',
        name: 'one',
        fields: fields({ ...set('one', 1, t - 59 * MIN), expiresAt: t + MIN }),
      });
      const two = await app.credentials.addCredential(serviceId, {
        kind: 'oauth2',
        name: 'two',
        fields: fields(set('two', 1, t)),
      });
      const other = openCliSession(await openVault({ path: app.vault.path, password: TEST_PASSWORD }), systemClock);
      endpointWhile(() => other.credentials.setTokens(serviceId, two, set('two', 2, t)));

      const got = await app.accessTokens.fresh(serviceId, one);
      expect(got.tokens).toMatchObject({ accessToken: 'one-at-2', refreshToken: 'one-rt-2' });
      expect(app.vault.status()).toMatchObject({ unsaved: false, saveError: null });
      expect(await onDisk(app.vault.path, TEST_PASSWORD, serviceId)).toEqual({ one: 'one-rt-2', two: 'two-rt-2' });
    } finally {
      await app.vault.lock(false).catch(() => undefined);
    }
  });
});

describe("the user's Refresh in the app, while a renewal holds the lock", () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.unstubAllGlobals();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a set renewed while the click waited is the answer: no second refresh spends another refresh token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-refresh-click-'));
    dirs.push(dir);
    const app = appForTest(dir);
    await createTestVault(app);
    try {
      const t = Date.now();
      const token = (n: number) => ({
        accessToken: `at-${n}`,
        tokenType: 'Bearer',
        refreshToken: `rt-${n}`,
        obtainedAt: t,
        expiresAt: t + 60 * MIN,
      });
      const serviceId = await app.credentials.createService({ name: 'api' });
      const id = await app.credentials.addCredential(serviceId, {
        kind: 'oauth2',
        name: 'one',
        fields: fields(token(1)),
      });
      const requests: string[] = [];
      vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
        requests.push(new URLSearchParams(String(init.body)).get('refresh_token') ?? '');
        return Response.json({ access_token: 'at-9', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-9' });
      });

      // Another process renews under the lock while the click waits for it.
      const release = await renewalLock(nodeFileSystem, app.vault.path)(id);
      const clicked = app.oauth.refresh(serviceId, id);
      await new Promise((r) => setTimeout(r, 150));
      const other = openCliSession(await openVault({ path: app.vault.path, password: TEST_PASSWORD }), systemClock);
      await other.credentials.setTokens(serviceId, id, token(2));
      other.vault.lock();
      await release();

      await clicked;
      expect(requests).toEqual([]);
      const { credential } = await app.credentials.credential(serviceId, id);
      expect(credential.kind === 'oauth2' && credential.fields.tokens?.refreshToken).toBe('rt-2');

      // With nothing renewed meanwhile, the click refreshes as asked.
      await app.oauth.refresh(serviceId, id);
      expect(requests).toEqual(['rt-2']);
    } finally {
      await app.vault.lock(false).catch(() => undefined);
    }
  });
});

describe('a sign-in in the app while the credential is edited', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.unstubAllGlobals();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('tokens got from the old endpoints are not saved beside new ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-sign-in-moved-'));
    dirs.push(dir);
    const app = appForTest(dir);
    await createTestVault(app);
    try {
      const serviceId = await app.credentials.createService({ name: 'api' });
      const id = await app.credentials.addCredential(serviceId, {
        kind: 'oauth2',
        name: 'machine',
        fields: {
          ...fields(),
          grant: 'client_credentials',
          clientAuth: 'client_secret_post',
          clientSecret: 'machine-secret',
        } as FieldsOf<'oauth2'>,
      });
      // While the token request is on the wire, the token endpoint is moved (the secret typed again, as it must):
      // the edit drops the tokens so that none goes to the new host, and the sign-in must not add them back.
      vi.stubGlobal('fetch', async () => {
        await app.credentials.updateCredential(serviceId, id, {
          fields: { tokenEndpoint: 'https://elsewhere.example/token', clientSecret: 'machine-secret' },
        });
        return Response.json({ access_token: 'at-old-issuer', token_type: 'Bearer', expires_in: 3600 });
      });
      await expect(app.oauth.signIn(serviceId, id)).rejects.toMatchObject({ code: 'ERR_CONFLICT' });
      const { credential } = await app.credentials.credential(serviceId, id);
      expect(credential.kind === 'oauth2' && credential.fields.tokenEndpoint).toBe('https://elsewhere.example/token');
      expect(credential.kind === 'oauth2' && credential.fields.tokens).toBeUndefined();
    } finally {
      await app.vault.lock(false).catch(() => undefined);
    }
  });
});
