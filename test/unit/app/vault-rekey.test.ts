/**
 * "Change password and re-key" in the app (VaultService.changePassword with rekey): an old copy
 * of the file with the old password opens nothing written afterwards; the backups follow the
 * user's choice; a `latch unlock --for` agent holding the old key is told to forget it; quick
 * unlock moves to a new device key, or is turned off (and said so) without a keychain.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { startAgent } from '../../../main/core/agent/agent-server';
import { agentPaths } from '../../../main/core/agent/runtime-dir';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { openVault } from '../../../main/core/vault';
import { importVaultKey } from '../../../main/core/vault/aead';
import { decryptIndex } from '../../../main/core/vault/format/v1/read';
import { decodeVaultFile } from '../../../main/core/vault/migrate';
import { answering } from '../../support/answering-confirmer';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';

const NEW = 'the new master password after re-key';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(keychain = new MemoryKeychain()) {
  const dir = mkdtempSync(join(tmpdir(), 'latch-app-rekey-'));
  dirs.push(dir);
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  // Yes to main's question when a test turns quick unlock on.
  const app = appForTest(dir, { keychain, agentEnv: { XDG_RUNTIME_DIR: runtime }, confirmer: answering(true) });
  app.settings.update({ automaticBackups: false });
  await createTestVault(app);
  const serviceId = await app.credentials.createService({ name: 'GitHub' });
  await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'before', fields: { token: 'tok-before' } });
  // A second save, so `<vault>.bak` exists; and one automatic backup, both under the old key.
  await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'before2', fields: { token: 'tok-2' } });
  const path = app.vault.path;
  mkdirSync(join(dir, 'backups'));
  const automatic = join(dir, 'backups', 'vault-20261130-080000.latch');
  copyFileSync(path, automatic);
  const stolen = join(dir, 'stolen.latch');
  copyFileSync(path, stolen);
  return { dir, app, path, serviceId, runtime, automatic, stolen };
}

/** The vault key an attacker gets from an old copy and the old password. */
async function keyOf(copy: string) {
  const old = await openVault({ path: copy, password: TEST_PASSWORD });
  const key = await importVaultKey(await old.exportKeyForAgent());
  old.lock();
  return key;
}

async function opensWith(path: string, key: Awaited<ReturnType<typeof keyOf>>): Promise<boolean> {
  const file = decodeVaultFile(readFileSync(path));
  return decryptIndex(key, file.container, file.header).then(
    () => true,
    () => false,
  );
}

async function agentFor(app: AppServices, runtime: string) {
  const v = app.vault.vault();
  const key = Buffer.from(await v.exportKeyForAgent()).toString('base64');
  const paths = agentPaths({ XDG_RUNTIME_DIR: runtime }, v.id, { create: true });
  return startAgent({ vaultId: v.id, key, expiresAt: Date.now() + 60_000, session: null }, paths);
}

describe('change password and re-key in the app', () => {
  it('a plain change keeps the key (the stolen copy still opens later records); a re-key does not', async () => {
    const { app, path, serviceId, stolen } = await setup();
    const plain = await app.vault.changePassword(TEST_PASSWORD, 'an interim master password');
    expect(plain.rekey).toBeNull();
    await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'mid', fields: { token: 't' } });
    const stolenKey = await keyOf(stolen);
    expect(await opensWith(path, stolenKey)).toBe(true);

    const { rekey } = await app.vault.changePassword('an interim master password', NEW, { backups: 'delete' });
    expect(rekey).toMatchObject({ records: expect.any(Number), backups: 'delete', leftBehind: [] });
    await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 'after', fields: { token: 'tok-after' } });
    expect(await opensWith(path, stolenKey)).toBe(false);
    await expect(openVault({ path, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'ERR_WRONG_PASSWORD' });

    // The app goes on under the new key: lock, unlock with the new password, every record reads.
    await app.vault.lock(false);
    await app.vault.unlock({ password: NEW, useQuickUnlock: false, useBackup: false });
    const view = await app.credentials.view(serviceId);
    expect(view.credentials.map((c) => c.name).sort()).toEqual(['after', 'before', 'before2', 'mid']);
    await app.vault.lock(false);
  });

  it('deletes the backups under the old key when asked, or re-keys them so the new password opens them', async () => {
    const a = await setup();
    const deleted = await a.app.vault.changePassword(TEST_PASSWORD, NEW, { backups: 'delete' });
    expect(deleted.rekey?.changed.sort()).toEqual([`${a.path}.bak`, a.automatic].sort());
    expect(existsSync(a.automatic)).toBe(false);
    expect(existsSync(`${a.path}.bak`)).toBe(false);
    await a.app.vault.lock(false);

    const b = await setup();
    const stolenKey = await keyOf(b.stolen);
    const rekeyed = await b.app.vault.changePassword(TEST_PASSWORD, NEW, { backups: 'rekey' });
    expect(rekeyed.rekey?.changed.sort()).toEqual([`${b.path}.bak`, b.automatic].sort());
    expect(await opensWith(b.automatic, stolenKey)).toBe(false);
    const backup = await openVault({ path: b.automatic, password: NEW, readOnly: true });
    expect(backup.id).toBe(b.app.vault.vault().id);
    backup.lock();
    await b.app.vault.lock(false);
  });

  it('tells a `latch unlock --for` agent holding the old key to forget it', async () => {
    const { app, runtime } = await setup();
    const agent = await agentFor(app, runtime);
    const { rekey } = await app.vault.changePassword(TEST_PASSWORD, NEW, { backups: 'delete' });
    expect(rekey?.agentStopped).toBe(true);
    expect(await agent.ended).toBe('locked');
    await app.vault.lock(false);
  });

  it('a wrong current password changes nothing and leaves the agent running', async () => {
    const { app, runtime, path } = await setup();
    const agent = await agentFor(app, runtime);
    const before = readFileSync(path);
    await expect(app.vault.changePassword('not the password', NEW, { backups: 'delete' })).rejects.toMatchObject({
      code: 'ERR_WRONG_PASSWORD',
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(true);
    agent.end('test over');
    expect(await agent.ended).toBe('test over');
    await app.vault.lock(false);
  });

  it('moves quick unlock to a new device key, and unlocks with it', async () => {
    const keychain = new MemoryKeychain();
    const { app } = await setup(keychain);
    await app.vault.setQuickUnlock(true);
    const oldDeviceKey = [...keychain.secrets.values()][0];
    const { rekey, status } = await app.vault.changePassword(TEST_PASSWORD, NEW, { backups: 'delete' });
    expect(rekey?.quickUnlock).toBe('re-enrolled');
    expect(status.quickUnlock).toBe('armed');
    expect([...keychain.secrets.values()][0]).not.toBe(oldDeviceKey);
    await app.vault.lock(false);
    await app.vault.unlock({ useQuickUnlock: true, useBackup: false });
    expect(app.vault.status().state).toBe('unlocked');
    await app.vault.lock(false);
  });

  it('turns quick unlock off, and says so, when the keychain cannot be reached during the re-key', async () => {
    const keychain = new MemoryKeychain();
    const { app } = await setup(keychain);
    await app.vault.setQuickUnlock(true);
    keychain.reachable = false;
    const { rekey, status } = await app.vault.changePassword(TEST_PASSWORD, NEW, { backups: 'delete' });
    expect(rekey?.quickUnlock).toBe('off');
    expect(status.quickUnlock).toBe('off');
    await app.vault.lock(false);
  });
});
