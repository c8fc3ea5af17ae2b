import { describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import type { LatchError } from '../../../main/core/model/errors';
import { MemoryRecordVault } from './memory-record-vault';
import { GOOD } from './samples';

const DAY = 86_400_000;
function setup(start = Date.UTC(2026, 0, 1)) {
  const clock = {
    t: start,
    now() {
      return this.t;
    },
  };
  const vault = new MemoryRecordVault();
  return { vault, clock, store: new ServiceStore(vault, clock) };
}
const code = async (p: Promise<unknown>) =>
  (
    await p.then(
      () => null,
      (e: LatchError) => e,
    )
  )?.code;

describe('ServiceStore', () => {
  it('creates a service with a credential, lists it from the index, and hides secrets in views', async () => {
    const { store } = setup();
    const id = await store.createService({
      name: 'Stripe',
      baseUrl: 'https://api.stripe.com',
      tags: ['payments', 'payments'],
    });
    await store.addCredential(id, { kind: 'api-key', name: 'live key', fields: GOOD['api-key'] });
    const [summary] = store.summaries();
    expect(summary).toMatchObject({
      name: 'Stripe',
      tags: ['payments'],
      credentials: [{ name: 'live key', kind: 'api-key' }],
    });
    const view = await store.view(id);
    expect(view.credentials[0]?.secretFields).toEqual(['value']);
    expect(view.credentials[0]?.fields).toEqual({ header: 'Authorization', prefix: 'Bearer ' });
    expect(JSON.stringify(view)).not.toContain('sk_live_abc123');
    expect(JSON.stringify(store.summaries())).not.toContain('sk_live_abc123');
  });

  it('refuses a bad service and a duplicate credential name', async () => {
    const { store } = setup();
    expect(await code(store.createService({ name: ' ' }))).toBe('ERR_BAD_INPUT');
    expect(await code(store.createService({ name: 'x', baseUrl: 'not a url' }))).toBe('ERR_BAD_INPUT');
    const id = await store.createService({ name: 'GitHub' });
    await store.addCredential(id, { kind: 'bearer', name: 'PAT', fields: GOOD.bearer });
    expect(await code(store.addCredential(id, { kind: 'bearer', name: 'pat', fields: GOOD.bearer }))).toBe(
      'ERR_BAD_INPUT',
    );
  });

  it('refuses a rotation reminder outside 1 to 3650 whole days and an expiry that is not a time, for every writer', async () => {
    const { store } = setup();
    const id = await store.createService({ name: 'Twilio' });
    const add = (rotateEveryDays: number | null, expiresAt: number | null = null) =>
      store.addCredential(id, { kind: 'api-key', name: 'k', fields: GOOD['api-key'], rotateEveryDays, expiresAt });
    for (const days of [0, -1, 1.5, 3651, Number.NaN]) expect(await code(add(days))).toBe('ERR_BAD_INPUT');
    expect(await code(add(null, Number.POSITIVE_INFINITY))).toBe('ERR_BAD_INPUT');
    // Finite but beyond what a Date holds (8.64e15 ms): every reader's toISOString would throw after the save.
    for (const at of [1e23, 8.64e15 + 1, -8.64e15 - 1])
      expect(await code(add(null, at)), String(at)).toBe('ERR_BAD_INPUT');
    const cid = await add(3650);
    for (const days of [0, 3651, 2.5])
      expect(await code(store.updateCredential(id, cid, { rotateEveryDays: days }))).toBe('ERR_BAD_INPUT');
    for (const expiresAt of [Number.NaN, 1e23])
      expect(await code(store.updateCredential(id, cid, { expiresAt }))).toBe('ERR_BAD_INPUT');
    await store.updateCredential(id, cid, { expiresAt: 8.64e15 });
    await store.updateCredential(id, cid, { rotateEveryDays: 1, expiresAt: 0 });
    expect((await store.credential(id, cid)).credential).toMatchObject({ expiresAt: 0, rotation: { everyDays: 1 } });
  });

  it('resolves secret references to the field or the primary field', async () => {
    const { store } = setup();
    const id = await store.createService({ name: 'My API' });
    await store.addCredential(id, { kind: 'basic', name: 'admin/user', fields: GOOD.basic });
    const r = await store.resolve('latch://my%20api/admin%2Fuser');
    expect(r.field).toBe('password');
    const u = await store.resolve('My API/admin%2Fuser/username');
    expect(u.field).toBe('username');
    expect(await code(store.resolve('latch://nope/x'))).toBe('ERR_NOT_FOUND');
    expect(await code(store.resolve('latch://My API/missing'))).toBe('ERR_NOT_FOUND');
    expect(await code(store.resolve('latch://only-one-part'))).toBe('ERR_BAD_INPUT');
  });

  it('finds a service by name among other records, case-insensitively, and refuses a name two services share', async () => {
    const { store, vault } = setup();
    vault.putRecord('req_1', { type: 'request', v: 1, name: 'Twin' }, {});
    const one = await store.createService({ name: 'Twin' });
    await store.createService({ name: 'Other' });
    expect(store.findServiceId('  twin ')).toBe(one);
    expect(await code(Promise.resolve().then(() => store.findServiceId('Nobody')))).toBe('ERR_NOT_FOUND');
    await store.createService({ name: 'TWIN' });
    expect(await code(Promise.resolve().then(() => store.findServiceId('twin')))).toBe('ERR_CONFLICT');
  });

  it('keeps a secret field the edit form left blank', async () => {
    const { store } = setup();
    const id = await store.createService({ name: 'DB' });
    const cid = await store.addCredential(id, { kind: 'basic', name: 'main', fields: GOOD.basic });
    await store.updateCredential(id, cid, { fields: { username: 'carol', password: '' } });
    const { credential } = await store.credential(id, cid);
    expect(credential.fields).toEqual({ username: 'carol', password: 'correct horse' });
  });

  it('rotates: the old value stays as previous for the grace period', async () => {
    const { store, clock } = setup();
    const id = await store.createService({ name: 'Twilio' });
    const cid = await store.addCredential(id, {
      kind: 'api-key',
      name: 'key',
      fields: GOOD['api-key'],
      rotateEveryDays: 30,
    });
    clock.t += 31 * DAY;
    expect(store.health().map((h) => h.kind)).toContain('rotation-due');
    await store.rotate(id, cid, { value: 'sk_live_new' }, 7);
    const { credential } = await store.credential(id, cid);
    expect(credential.fields).toMatchObject({ value: 'sk_live_new' });
    expect(credential.rotation).toMatchObject({
      previous: { value: 'sk_live_abc123' },
      previousUntil: clock.t + 7 * DAY,
      lastRotatedAt: clock.t,
    });
    expect(store.health().map((h) => h.kind)).not.toContain('rotation-due');
    expect((await store.view(id)).credentials[0]?.hasPrevious).toBe(true);
    clock.t += 8 * DAY;
    expect((await store.view(id)).credentials[0]?.hasPrevious).toBe(false);
    expect(await code(store.rotate(id, cid, { header: 'X' }, 7))).toBe('ERR_BAD_INPUT');
  });

  it('reports expired, expiring and reused secrets in the health view', async () => {
    const { store, clock } = setup();
    const a = await store.createService({ name: 'A' });
    const b = await store.createService({ name: 'B' });
    await store.addCredential(a, { kind: 'secret', name: 'shared', fields: { name: 'X', value: 'same-secret' } });
    await store.addCredential(b, { kind: 'api-key', name: 'k', fields: { value: 'same-secret', query: 'key' } });
    await store.addCredential(b, { kind: 'bearer', name: 'old', fields: GOOD.bearer, expiresAt: clock.t - DAY });
    await store.addCredential(a, { kind: 'basic', name: 'soon', fields: GOOD.basic, expiresAt: clock.t + 3 * DAY });
    const kinds = store
      .health()
      .map((h) => `${h.kind}:${h.serviceName}/${h.credentialName}`)
      .sort();
    expect(kinds).toEqual(['expired:B/old', 'expiring:A/soon', 'reused:A/shared', 'reused:B/k']);
    expect(store.health().find((h) => h.kind === 'reused' && h.serviceName === 'A')?.alsoIn).toEqual(['B / k']);
  });

  it('reads a bearer JWT expiry into the index', async () => {
    const { store, clock } = setup();
    const exp = Math.floor(clock.t / 1000) + 3600;
    const jwt = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.`;
    const id = await store.createService({ name: 'JWT' });
    await store.addCredential(id, { kind: 'bearer', name: 't', fields: { token: jwt } });
    expect(store.summaries()[0]?.credentials[0]?.tokenExpiresAt).toBe(exp * 1000);
  });

  it('deletes a credential and a service', async () => {
    const { store } = setup();
    const id = await store.createService({ name: 'Gone' });
    const cid = await store.addCredential(id, { kind: 'secret', name: 's', fields: GOOD.secret });
    await store.deleteCredential(id, cid);
    expect((await store.view(id)).credentials).toHaveLength(0);
    await store.deleteService(id);
    expect(store.summaries()).toHaveLength(0);
    expect(await code(store.view(id))).toBe('ERR_NOT_FOUND');
  });
});

describe('ServiceStore.forgetHost', () => {
  async function bound() {
    const { store } = setup();
    const id = await store.createService({ name: 'Stripe', baseUrl: 'https://api.stripe.com' });
    const cred = await store.addCredential(id, {
      kind: 'api-key',
      name: 'live key',
      fields: GOOD['api-key'],
      hosts: ['files.stripe.com', 'Uploads.Stripe.com:8443'],
    });
    await store.approveOrigin(id, cred, 'https://echo.example');
    await store.approveOrigin(id, cred, 'http://echo.example');
    await store.approveOrigin(id, cred, 'https://files.stripe.com');
    const view = async () => (await store.view(id)).credentials[0]!;
    return { store, id, cred, view };
  }

  it('forgets one approved origin, and nothing else', async () => {
    const { store, id, cred, view } = await bound();
    expect(await store.forgetHost(id, cred, 'http://echo.example')).toEqual({ forgotten: 1 });
    expect(await view()).toMatchObject({
      hosts: ['files.stripe.com', 'uploads.stripe.com:8443'],
      approvedOrigins: ['https://echo.example', 'https://files.stripe.com'],
    });
  });

  it('forgets a host with every origin approved on it, so nothing still sends there without asking', async () => {
    const { store, id, cred, view } = await bound();
    expect(await store.forgetHost(id, cred, 'FILES.stripe.com')).toEqual({ forgotten: 2 });
    expect(await view()).toMatchObject({
      hosts: ['uploads.stripe.com:8443'],
      approvedOrigins: ['https://echo.example', 'http://echo.example'],
    });
    expect(await store.forgetHost(id, cred, 'echo.example')).toEqual({ forgotten: 2 });
    expect((await view()).approvedOrigins).toEqual([]);
  });

  it('refuses what is neither a host nor an origin, and a host it does not know', async () => {
    const { store, id, cred } = await bound();
    expect(await code(store.forgetHost(id, cred, 'https://a.example/path'))).toBe('ERR_BAD_INPUT');
    expect(await code(store.forgetHost(id, cred, 'api.stripe.com'))).toBe('ERR_NOT_FOUND');
  });
});

describe('ServiceStore.inOneSave', () => {
  it('a new service and its first credential are one save', async () => {
    const { vault, store } = setup();
    await store.inOneSave(async () => {
      const id = await store.createService({ name: 'New' });
      await store.addCredential(id, { kind: 'api-key', name: 'k', fields: GOOD['api-key'] });
    });
    expect(vault.saves).toBe(1);
    expect(store.summaries()[0]).toMatchObject({ name: 'New', credentials: [{ name: 'k' }] });
  });

  it('saves nothing when the work throws half-way', async () => {
    const { vault, store } = setup();
    await expect(
      store.inOneSave(async () => {
        await store.createService({ name: 'Half' });
        throw new Error('killed between the two writes');
      }),
    ).rejects.toThrow('killed');
    expect(vault.saves).toBe(0);
  });

  it('outside it every write still saves at once', async () => {
    const { vault, store } = setup();
    await store.createService({ name: 'A' });
    expect(vault.saves).toBe(1);
  });
});

describe('savedBy: which tool helper made a credential', () => {
  it('is set only on creation and kept through edits, rotation and a reload', async () => {
    const { store, vault, clock } = setup();
    const id = await store.createService({ name: 'Registry', baseUrl: 'https://ghcr.io' });
    const cred = await store.addCredential(id, {
      kind: 'basic',
      name: 'docker',
      fields: { username: 'me', password: 'one' },
      savedBy: { tool: 'docker', serverUrl: 'ghcr.io' },
    });
    const hand = await store.addCredential(id, {
      kind: 'basic',
      name: 'mine',
      fields: { username: 'u', password: 'p' },
    });
    await store.updateCredential(id, cred, { name: 'docker login', fields: { password: 'two' } });
    await store.rotate(id, cred, { password: 'three' }, 1);
    const body = await new ServiceStore(vault, clock).body(id);
    expect(body.credentials.find((c) => c.id === cred)?.savedBy).toEqual({ tool: 'docker', serverUrl: 'ghcr.io' });
    expect(body.credentials.find((c) => c.id === hand)).not.toHaveProperty('savedBy');
  });
});
