/**
 * The `.bak` in the app: when the vault file is damaged, the status says what is wrong and when the
 * backup was saved; the backup opens read-only (every write refused, lock is the way back), or is
 * restored: password checked against the backup first, the damaged file kept aside, never deleted.
 */
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A vault with two saves (so `.bak` holds the first credential only), locked, its file then damaged. */
async function damagedVault() {
  const dir = mkdtempSync(join(tmpdir(), 'latch-app-restore-'));
  dirs.push(dir);
  const app = appForTest(dir);
  app.settings.update({ automaticBackups: false });
  await createTestVault(app);
  const serviceId = await app.credentials.createService({ name: 'GitHub' });
  await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'in-backup', fields: { token: 'tok-1' } });
  await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'lost', fields: { token: 'tok-2' } });
  // The lock announces itself after it has inspected the file: wait for that, so it saw the file intact.
  const announced = new Promise<void>((resolve) => {
    const off = app.events.on('vault.changed', (e) => {
      if (e.reason !== 'locked') return;
      off();
      resolve();
    });
  });
  await app.vault.lock(false);
  await announced;
  const path = app.vault.path;
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(path, bytes);
  const backupBefore = readFileSync(`${path}.bak`);
  return { dir, app, path, serviceId, damaged: Buffer.from(bytes), backupBefore };
}

const asideFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('vault.latch.damaged-'));

describe('a damaged vault file in the app', () => {
  it('a failed unlock on a file damaged since it was inspected tells the unlock screen', async () => {
    const { app } = await damagedVault();
    const events: unknown[] = [];
    app.events.on('vault.changed', (e) => events.push(e.status.damaged));
    expect(app.vault.status().damaged).toBeNull();
    await expect(
      app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false }),
    ).rejects.toMatchObject({ code: 'ERR_VAULT_CORRUPT' });
    expect(app.vault.status()).toMatchObject({ damaged: { code: 'ERR_VAULT_CORRUPT' }, backup: { looksIntact: true } });
    expect(events).toEqual([expect.objectContaining({ code: 'ERR_VAULT_CORRUPT' })]);
  });

  it('the status names the damage and the backup with its date', async () => {
    const { app, path } = await damagedVault();
    const status = await app.vault.refresh();
    expect(status.state).toBe('locked');
    expect(status.damaged).toMatchObject({ code: 'ERR_VAULT_CORRUPT' });
    expect(status.damaged?.message).toMatch(/damaged/);
    expect(status.backup).toMatchObject({ path: `${path}.bak`, looksIntact: true });
    expect(Number.isNaN(Date.parse(status.backup?.savedAt ?? ''))).toBe(false);
  });

  it('opens the backup read-only: reads work, every write is refused and nothing on disk changes; lock goes back', async () => {
    const { app, path, serviceId, damaged, backupBefore, dir } = await damagedVault();
    await expect(app.vault.openBackup('not the password')).rejects.toMatchObject({ code: 'ERR_WRONG_PASSWORD' });
    const status = await app.vault.openBackup(TEST_PASSWORD);
    expect(status).toMatchObject({ state: 'unlocked', readOnly: true, damaged: { code: 'ERR_VAULT_CORRUPT' } });
    const view = await app.credentials.view(serviceId);
    expect(view.credentials.map((c) => c.name)).toEqual(['in-backup']);
    await expect(
      app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'x', fields: { token: 't' } }),
    ).rejects.toMatchObject({ code: 'ERR_VAULT_READ_ONLY' });
    await expect(app.credentials.deleteService(serviceId)).rejects.toMatchObject({ code: 'ERR_VAULT_READ_ONLY' });
    await expect(app.vault.changePassword(TEST_PASSWORD, 'another long password')).rejects.toMatchObject({
      code: 'ERR_VAULT_READ_ONLY',
    });
    // No save-failed banner: nothing was pending, nothing was lost.
    expect(app.vault.status()).toMatchObject({ unsaved: false, saveError: null });
    const locked = await app.vault.lock(false);
    expect(locked).toMatchObject({ state: 'locked', readOnly: false });
    expect(readFileSync(path).equals(damaged)).toBe(true);
    expect(readFileSync(`${path}.bak`).equals(backupBefore)).toBe(true);
    expect(asideFiles(dir)).toEqual([]);
  });

  it('restores the backup: wrong password moves nothing; then the damaged file is kept aside and the backup opens', async () => {
    const { app, path, serviceId, damaged, backupBefore, dir } = await damagedVault();
    await expect(app.vault.restoreBackup('not the password')).rejects.toMatchObject({ code: 'ERR_WRONG_PASSWORD' });
    expect(readFileSync(path).equals(damaged)).toBe(true);
    expect(asideFiles(dir)).toEqual([]);

    const status = await app.vault.restoreBackup(TEST_PASSWORD);
    expect(status).toMatchObject({ state: 'unlocked', readOnly: false, damaged: null, backup: null });
    const [aside] = asideFiles(dir);
    expect(aside).toMatch(/^vault\.latch\.damaged-\d{8}-\d{6}$/);
    expect(status.damagedAside).toBe(join(dir, aside!));
    expect(readFileSync(join(dir, aside!)).equals(damaged)).toBe(true);
    expect(readFileSync(path).equals(backupBefore)).toBe(true);
    expect(readFileSync(`${path}.bak`).equals(backupBefore)).toBe(true);
    // The restored vault is the vault again: it reads and writes.
    expect((await app.credentials.view(serviceId)).credentials.map((c) => c.name)).toEqual(['in-backup']);
    await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'after', fields: { token: 't' } });
    await app.vault.lock(false);
    await app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false });
    expect((await app.credentials.view(serviceId)).credentials).toHaveLength(2);
    expect(existsSync(join(dir, aside!))).toBe(true);
    await app.vault.lock(false);
  });

  it('restores from the read-only backup session too, and refuses over an intact vault', async () => {
    const { app, dir, path } = await damagedVault();
    await app.vault.openBackup(TEST_PASSWORD);
    const status = await app.vault.restoreBackup(TEST_PASSWORD);
    expect(status).toMatchObject({ state: 'unlocked', readOnly: false });
    expect(asideFiles(dir)).toHaveLength(1);
    const before = readFileSync(path);
    await app.vault.lock(false);
    await expect(app.vault.restoreBackup(TEST_PASSWORD)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    await expect(app.vault.openBackup(TEST_PASSWORD)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(asideFiles(dir)).toHaveLength(1);
  });

  it('through a symlinked vault path restores the real file, as every save writes it; the link stays a link', async () => {
    // The vault lives in a synced folder and the default place links to it (core's atomic save
    // follows the link: temporary, backup and lock beside the real file). A restore must do the
    // same: replacing the link by a regular file would fork the vault out of the synced folder.
    const { dir, serviceId, damaged, backupBefore } = await damagedVault();
    const synced = join(dir, 'Dropbox');
    mkdirSync(synced);
    const target = join(synced, 'vault.latch');
    renameSync(join(dir, 'vault.latch'), target);
    renameSync(join(dir, 'vault.latch.bak'), `${target}.bak`);
    const home = join(dir, 'home');
    mkdirSync(home);
    const link = join(home, 'vault.latch');
    symlinkSync(target, link);
    const app = appForTest(home, { vaultPath: () => link });
    // The daily copies (`backups/` beside the path the app was given) are not what this is about.
    app.settings.update({ automaticBackups: false });

    expect((await app.vault.refresh()).backup).toMatchObject({ path: `${target}.bak`, looksIntact: true });
    const status = await app.vault.restoreBackup(TEST_PASSWORD);
    expect(status).toMatchObject({ state: 'unlocked', readOnly: false, damaged: null });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(home)).toEqual(['vault.latch']);
    const [aside] = asideFiles(synced);
    expect(status.damagedAside).toBe(join(synced, aside!));
    expect(readFileSync(join(synced, aside!)).equals(damaged)).toBe(true);
    expect(readFileSync(target).equals(backupBefore)).toBe(true);
    expect((await app.credentials.view(serviceId)).credentials.map((c) => c.name)).toEqual(['in-backup']);
    // A save after the restore goes through the link to the real file too.
    await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'after', fields: { token: 't' } });
    await app.vault.lock(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(home)).toEqual(['vault.latch']);
    expect(readFileSync(target).equals(backupBefore)).toBe(false);
  });

  it('says so when there is no backup to offer, and restores nothing', async () => {
    const { app, path, damaged } = await damagedVault();
    rmSync(`${path}.bak`);
    expect((await app.vault.refresh()).backup).toBeNull();
    await expect(app.vault.restoreBackup(TEST_PASSWORD)).rejects.toMatchObject({ code: 'ERR_VAULT_NOT_FOUND' });
    copyFileSync(path, `${path}.bak`); // a damaged backup is no better
    expect((await app.vault.refresh()).backup).toMatchObject({ looksIntact: false });
    await expect(app.vault.openBackup(TEST_PASSWORD)).rejects.toMatchObject({ code: 'ERR_VAULT_NOT_FOUND' });
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });
});
