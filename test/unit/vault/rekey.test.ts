// "Change password and re-key": an old copy of the file plus the old password must not open what is
// written afterwards; backups follow the user's choice; an interruption at any step loses nothing.
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { createVault, deviceKeyName, type OldBackups, openVault } from '../../../main/core/vault';
import { importVaultKey } from '../../../main/core/vault/aead';
import { decryptIndex } from '../../../main/core/vault/format/v1/read';
import { decodeVaultFile } from '../../../main/core/vault/migrate';
import { FailingFs } from './failing-fs';
import { codeOf, PASSWORD, quickUnlockVault, TEST_ITERATIONS, tempVaultPath } from './helpers';

const NEW = 'a brand new master password';

/** A vault with two saves (so `<vault>.bak` exists) and an extra backup copy beside it. */
async function vaultWithBackups() {
  const path = tempVaultPath();
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  vault.putRecord('old', { name: 'old' }, { secret: 'before the re-key' });
  await vault.save();
  vault.putRecord('old2', { name: 'old2' }, { secret: 'also before' });
  await vault.save();
  const extra = join(path, '..', 'vault-20260101-000000.latch');
  copyFileSync(path, extra);
  const attackerCopy = join(path, '..', 'stolen.latch');
  copyFileSync(path, attackerCopy);
  return { path, vault, extra, attackerCopy };
}

/** What an attacker with an old copy and the old password gets: the vault key of that copy. */
async function keyFromOldCopy(copy: string) {
  const old = await openVault({ path: copy, password: PASSWORD });
  const key = await importVaultKey(await old.exportKeyForAgent());
  old.lock();
  return key;
}

async function indexOpensWith(path: string, key: Awaited<ReturnType<typeof keyFromOldCopy>>) {
  const file = decodeVaultFile(readFileSync(path));
  return codeOf(decryptIndex(key, file.container, file.header));
}

describe('changePasswordAndRekey', () => {
  it('the old copy + old password cannot decrypt what is written after; a plain password change could', async () => {
    const { path, vault, attackerCopy } = await vaultWithBackups();
    // Control: a password change alone leaves the key, so the attack works.
    await vault.changePassword(PASSWORD, 'interim password');
    vault.putRecord('new', { name: 'new' }, { secret: 'written after a password change' });
    await vault.save();
    const stolen = await keyFromOldCopy(attackerCopy);
    expect(await indexOpensWith(path, stolen)).toBe('resolved');

    const result = await vault.changePasswordAndRekey('interim password', NEW, { backups: 'delete' });
    expect(result.records).toBe(3);
    vault.putRecord('after', { name: 'after' }, { secret: 'written after the re-key' });
    await vault.save();
    expect(await indexOpensWith(path, stolen)).toBe('ERR_VAULT_CORRUPT');
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_WRONG_PASSWORD');
    const reopened = await openVault({ path, password: NEW });
    expect(await reopened.readRecord('old')).toEqual({ secret: 'before the re-key' });
    expect(await reopened.readRecord('after')).toEqual({ secret: 'written after the re-key' });
  });

  it('backups "delete": the .bak and the given backup files are gone', async () => {
    const { path, vault, extra } = await vaultWithBackups();
    expect(existsSync(`${path}.bak`)).toBe(true);
    const result = await vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'delete', backupFiles: [extra] });
    expect(result.backups.sort()).toEqual([`${path}.bak`, extra].sort());
    expect(result.leftBehind).toEqual([]);
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect(existsSync(extra)).toBe(false);
    // The next save makes a .bak again, under the new key.
    vault.putRecord('x', null, 1);
    await vault.save();
    expect(await codeOf(openVault({ path: `${path}.bak`, password: NEW }))).toBe('resolved');
  });

  it('backups "rekey": each backup keeps its own content, opens with the new password only', async () => {
    const { path, vault, extra } = await vaultWithBackups();
    const result = await vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'rekey', backupFiles: [extra] });
    expect(result.backups.sort()).toEqual([`${path}.bak`, extra].sort());
    const stolen = await keyFromOldCopy(join(path, '..', 'stolen.latch'));
    for (const b of [`${path}.bak`, extra]) {
      expect(await codeOf(openVault({ path: b, password: PASSWORD }))).toBe('ERR_WRONG_PASSWORD');
      expect(await indexOpensWith(b, stolen)).toBe('ERR_VAULT_CORRUPT');
    }
    const bak = await openVault({ path: `${path}.bak`, password: NEW });
    // The .bak was the file before the last save: one record.
    expect([...bak.entries().keys()]).toEqual(['old']);
    expect(await bak.readRecord('old')).toEqual({ secret: 'before the re-key' });
    const copy = await openVault({ path: extra, password: NEW });
    expect(await copy.readRecord('old2')).toEqual({ secret: 'also before' });
    expect(readdirSync(join(path, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a wrong old password changes nothing', async () => {
    const { path, vault } = await vaultWithBackups();
    const before = readFileSync(path);
    expect(await codeOf(vault.changePasswordAndRekey('wrong', NEW, { backups: 'delete' }))).toBe('ERR_WRONG_PASSWORD');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(true);
  });

  for (const backups of ['rekey', 'delete'] as OldBackups[]) {
    it(`an interruption at any file operation loses nothing (backups "${backups}")`, { timeout: 240_000 }, async () => {
      // A dry run counts the file operations of a whole re-key.
      const dry = new FailingFs();
      const count = async (fs: FailingFs) => {
        const path = tempVaultPath();
        const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS, fs });
        vault.putRecord('a', { name: 'a' }, { secret: 'A' });
        await vault.save();
        vault.putRecord('b', { name: 'b' }, { secret: 'B' });
        await vault.save();
        fs.counting = true;
        const outcome = await codeOf(vault.changePasswordAndRekey(PASSWORD, NEW, { backups }));
        fs.counting = false;
        return { path, outcome, vault };
      };
      await count(dry);
      const total = dry.calls.length;
      expect(total).toBeGreaterThan(5);
      for (let k = 0; k < total; k++) {
        const fs = new FailingFs();
        fs.failAt = k;
        const { path, outcome, vault } = await count(fs);
        const step = dry.calls[k];
        // Whatever failed, one of the two passwords opens the vault with both records.
        const withNew = await openVault({ path, password: NEW }).catch(() => null);
        const opened = withNew ?? (await openVault({ path, password: PASSWORD }));
        expect({ step, a: await opened.readRecord('a'), b: await opened.readRecord('b') }).toEqual({
          step,
          a: { secret: 'A' },
          b: { secret: 'B' },
        });
        if (outcome !== 'resolved') {
          // A failed re-key leaves the old key in force, in the file and in the session.
          expect({ step, rekeyed: withNew !== null }).toEqual({ step, rekeyed: false });
          expect(await vault.readRecord('a')).toEqual({ secret: 'A' });
        }
        // The backup, when there is one, opens with one of the passwords and holds record "a".
        if (existsSync(`${path}.bak`)) {
          const bak =
            (await openVault({ path: `${path}.bak`, password: NEW }).catch(() => null)) ??
            (await openVault({ path: `${path}.bak`, password: PASSWORD }));
          expect(await bak.readRecord('a')).toEqual({ secret: 'A' });
        }
        expect(readdirSync(join(path, '..')).filter((n) => n.endsWith('.tmp') && !n.endsWith('.lock'))).toEqual([]);
      }
    });
  }

  it('quick unlock gets a fresh device key and keeps working; the old device key no longer opens', async () => {
    const keychain = new MemoryKeychain();
    const { path, vault } = await quickUnlockVault(keychain);
    vault.putRecord('a', null, { s: 1 });
    await vault.save();
    const oldDeviceKey = keychain.secrets.get(deviceKeyName(vault.id));
    await vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'delete' });
    expect(vault.quickUnlock).toBe('armed');
    expect(keychain.secrets.get(deviceKeyName(vault.id))).not.toEqual(oldDeviceKey);
    const quick = await openVault({ path, useQuickUnlock: true, keychain });
    expect(await quick.readRecord('a')).toEqual({ s: 1 });
    const stale = new MemoryKeychain();
    stale.secrets.set(deviceKeyName(vault.id), oldDeviceKey!);
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain: stale }))).toBe('ERR_QUICK_UNLOCK_OFF');
  });

  it('hardened mode keeps its device key: the keychain entry and the recovery kit still open it', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    const { vault, recoveryKit } = await createVault({
      path,
      password: PASSWORD,
      iterations: TEST_ITERATIONS,
      mode: 'hardened',
      keychain,
    });
    vault.putRecord('a', null, { s: 1 });
    await vault.save();
    await vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'rekey' });
    const viaKeychain = await openVault({ path, password: NEW, keychain });
    expect(await viaKeychain.readRecord('a')).toEqual({ s: 1 });
    const viaKit = await openVault({ path, password: NEW, recoveryKit: recoveryKit!, keychain: new MemoryKeychain() });
    expect(await viaKit.readRecord('a')).toEqual({ s: 1 });
    expect(await codeOf(openVault({ path, password: PASSWORD, keychain }))).toBe('ERR_WRONG_PASSWORD');
  });
});
