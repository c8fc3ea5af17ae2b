/**
 * Another program (the command line) writes the vault while the app has it open: the app's
 * next save fails. The user must hear of it (`save-failed`), and have three ways out; a lock
 * must never drop the pending change without saying so.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvents } from '../../../main/app/events';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { systemClock } from '../../../main/core/platform';
import { createVault } from '../../../main/core/vault/create-vault';
import { openVault } from '../../../main/core/vault/open';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

const PASSWORD = 'correct horse battery staple';

let dir: string;
let app: Composed;
let vaultEvents: DomainEvents['vault.changed'][];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-conflict-'));
  app = composeForTest({ dataDir: dir });
  vaultEvents = [];
  app.services.events.on('vault.changed', (e) => vaultEvents.push(e));
  await app.services.vault.create({ password: PASSWORD, mode: 'password', quickUnlock: false, iterations: 100_000 });
  await app.services.credentials.createService({ name: 'Mine before' });
});

afterEach(async () => {
  await app.services.vault.resolveSaveFailure('discard').catch(() => undefined);
  await app.services.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** What `latch add` does from another process: open the file, add a service, save, close. */
async function cliAddsService(name: string): Promise<void> {
  const v = await openVault({ path: app.services.vault.path, password: PASSWORD });
  await new ServiceStore(v, systemClock).createService({ name });
  v.lock();
}

async function namesOnDisk(): Promise<string[]> {
  const v = await openVault({ path: app.services.vault.path, password: PASSWORD });
  const names = new ServiceStore(v, systemClock).summaries().map((s) => s.name);
  v.lock();
  return names.sort();
}

async function conflict(): Promise<void> {
  await cliAddsService('From the CLI');
  await expect(app.services.credentials.createService({ name: 'Mine after' })).rejects.toMatchObject({
    code: 'ERR_VAULT_CHANGED_ON_DISK',
  });
}

describe('a save that fails because another program wrote the file', () => {
  it('is announced once as save-failed, with the reason in the status', async () => {
    await conflict();
    const failed = vaultEvents.filter((e) => e.reason === 'save-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.status).toMatchObject({ unsaved: true, saveError: 'ERR_VAULT_CHANGED_ON_DISK' });
    expect(app.services.vault.status()).toMatchObject({ state: 'unlocked', unsaved: true });
  });

  it('reaches the renderer as vault.changed with reason save-failed', async () => {
    const seen: unknown[] = [];
    app.events.subscribe((name, payload) => name === 'vault.changed' && seen.push(payload));
    await conflict();
    expect(seen).toContainEqual(expect.objectContaining({ reason: 'save-failed' }));
  });

  it('a manual lock refuses to drop the change: it stays unlocked and says why', async () => {
    await conflict();
    await expect(app.services.vault.lock(false)).rejects.toMatchObject({ code: 'ERR_VAULT_CHANGED_ON_DISK' });
    expect(app.services.vault.status().state).toBe('unlocked');
    expect(vaultEvents.filter((e) => e.reason === 'save-failed').length).toBeGreaterThanOrEqual(2);
  });

  it('marks the error as kept: the change is held for the banner, so it must not be submitted again', async () => {
    await cliAddsService('From the CLI');
    const failed = await app.dispatch(
      'services.create',
      { service: { name: 'Mine after' } },
      { transport: 'browser-host' },
    );
    expect(failed).toMatchObject({ ok: false, error: { code: 'ERR_VAULT_CHANGED_ON_DISK', detail: { kept: true } } });
    expect(app.services.credentials.summaries().filter((s) => s.name === 'Mine after')).toHaveLength(1);
    // A failure that holds nothing (a bad input, refused before any change) is not marked.
    const bad = await app.dispatch('services.create', { service: { name: '' } }, { transport: 'browser-host' });
    expect(bad.ok ? null : bad.error.detail?.kept).toBeUndefined();
  });

  it('a new code and a new OAuth client whose save fails are held whole: re-apply saves each service with its credential', async () => {
    await cliAddsService('From the CLI');
    const code = await app.dispatch(
      'totp.add',
      {
        items: [
          {
            serviceName: 'Code service',
            name: '2FA',
            source: {
              kind: 'fields',
              fields: { secret: 'JBSWY3DPEHPK3PXP', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 },
            },
          },
        ],
      },
      { transport: 'browser-host' },
    );
    expect(code).toMatchObject({ ok: false, error: { detail: { kept: true } } });
    const client = await app.dispatch(
      'oauth.createClient',
      {
        serviceName: 'Client service',
        credentialName: 'OAuth client',
        preset: 'custom',
        clientId: 'client-1',
        issuer: 'https://login.example.com',
        params: {},
      },
      { transport: 'browser-host' },
    );
    expect(client).toMatchObject({ ok: false, error: { detail: { kept: true } } });

    await app.services.vault.resolveSaveFailure('reapply');
    const v = await openVault({ path: app.services.vault.path, password: PASSWORD });
    const onDisk = new ServiceStore(v, systemClock).summaries().map((s) => [s.name, s.credentials.map((c) => c.kind)]);
    v.lock();
    expect(onDisk).toEqual(
      expect.arrayContaining([
        ['Code service', ['totp']],
        ['Client service', ['oauth2']],
      ]),
    );
  });

  it('an import whose save fails spends its preview: applying it again cannot add every credential twice', async () => {
    const preview = await app.dispatch(
      'io.previewImport',
      { fileName: 'billing.env', contentBase64: Buffer.from('BILLING_API_KEY=sk_live_kept\n').toString('base64') },
      { transport: 'browser-host' },
    );
    if (!preview.ok) throw new Error(preview.error.message);
    const { importId } = preview.value as { importId: string };
    await cliAddsService('From the CLI');
    const apply = () =>
      app.dispatch('io.applyImport', { importId, selected: ['BILLING_API_KEY'] }, { transport: 'browser-host' });
    expect(await apply()).toMatchObject({
      ok: false,
      error: { code: 'ERR_VAULT_CHANGED_ON_DISK', detail: { kept: true } },
    });
    expect(await apply()).toMatchObject({ ok: false, error: { code: 'ERR_NOT_FOUND' } });

    await app.services.vault.resolveSaveFailure('reapply');
    expect(await namesOnDisk()).toEqual(['From the CLI', 'Mine before', 'billing']);
    const billing = app.services.credentials.summaries().find((s) => s.name === 'billing');
    expect(billing?.credentials.map((c) => c.name)).toEqual(['BILLING_API_KEY']);
  });

  it('reload and re-apply: both changes are in the file, and a lock works again', async () => {
    await conflict();
    const status = await app.dispatch('vault.resolveSaveFailure', { choice: 'reapply' }, { transport: 'browser-host' });
    expect(status).toMatchObject({ ok: true, value: { unsaved: false, saveError: null } });
    expect(await namesOnDisk()).toEqual(['From the CLI', 'Mine after', 'Mine before']);
    await app.services.vault.lock(false);
    expect(app.services.vault.status().state).toBe('locked');
  });

  it('keep mine: this session is written over the file; the other change goes', async () => {
    await conflict();
    await app.services.vault.resolveSaveFailure('keep-mine');
    expect(await namesOnDisk()).toEqual(['Mine after', 'Mine before']);
    expect(app.services.vault.status()).toMatchObject({ unsaved: false, saveError: null });
  });

  it('discard: the unsaved change is dropped and the vault locked; the file keeps the other change', async () => {
    await conflict();
    const status = await app.services.vault.resolveSaveFailure('discard');
    expect(status.state).toBe('locked');
    expect(await namesOnDisk()).toEqual(['From the CLI', 'Mine before']);
  });

  it('an auto-lock merges (reload and re-apply) instead of dropping the change', async () => {
    await conflict();
    await app.services.vault.session.lock('auto');
    expect(await namesOnDisk()).toEqual(['From the CLI', 'Mine after', 'Mine before']);
    await expect.poll(() => vaultEvents.find((e) => e.reason === 'auto-locked')).toBeTruthy();
    expect(vaultEvents.find((e) => e.reason === 'auto-locked')?.lostUnsavedChanges).toBe(false);
  });

  it('an auto-lock that cannot save at all (the file is now another vault) names what it dropped', async () => {
    const [mine] = app.services.credentials.summaries();
    // Another vault's file copied over this one: nothing of this session can be merged into it.
    const elsewhere = join(dir, 'other.latch');
    const created = await createVault({ path: elsewhere, password: PASSWORD, iterations: 100_000 });
    created.vault.lock();
    copyFileSync(elsewhere, app.services.vault.path);
    await expect(app.services.credentials.updateService(mine!.id, { name: 'Renamed here' })).rejects.toMatchObject({
      code: 'ERR_VAULT_CHANGED_ON_DISK',
    });
    await app.services.vault.session.lock('auto');
    await expect.poll(() => vaultEvents.find((e) => e.reason === 'auto-locked')).toBeTruthy();
    expect(vaultEvents.find((e) => e.reason === 'auto-locked')).toMatchObject({
      lostUnsavedChanges: true,
      lost: ['service "Renamed here"'],
    });
  });

  it('vault.reload tells the lists to reload (services.changed)', async () => {
    await cliAddsService('From the CLI');
    const seen: string[] = [];
    app.events.subscribe((name) => seen.push(name));
    await app.dispatch('vault.reload', {}, { transport: 'browser-host' });
    expect(seen).toContain('services.changed');
    expect(app.services.credentials.summaries().map((s) => s.name)).toContain('From the CLI');
  });
});
