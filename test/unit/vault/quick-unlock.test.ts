import { describe, expect, it } from 'vitest';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import {
  createVault,
  deviceKeyName,
  forgetQuickUnlock,
  inspectVault,
  openVault,
  parseRecoveryKit,
} from '../../../main/core/vault';
import { codeOf, PASSWORD, quickUnlockVault, TEST_ITERATIONS, tempVaultPath } from './helpers';

describe('quick unlock (device key in the keychain)', () => {
  it('unlocks without the password while on; turning it off removes the key and the slot', async () => {
    const keychain = new MemoryKeychain();
    const { path, vault } = await quickUnlockVault(keychain);
    vault.putRecord('a', { n: 'A' }, { s: 1 });
    await vault.save();
    expect(keychain.secrets.has(deviceKeyName(vault.id))).toBe(true);
    const quick = await openVault({ path, useQuickUnlock: true, keychain });
    expect(await quick.readRecord('a')).toEqual({ s: 1 });
    expect(quick.quickUnlock).toBe('armed');

    await quick.disableQuickUnlock();
    expect(keychain.secrets.size).toBe(0);
    const info = await inspectVault(path);
    expect(info.exists && info.quickUnlock).toBe(false);
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain }))).toBe('ERR_QUICK_UNLOCK_OFF');
    expect(await codeOf(openVault({ path, password: PASSWORD, keychain }))).toBe('resolved');
  });

  it('can be turned on later, survives a password change, and is forgotten by lock-and-forget', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS, keychain });
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain }))).toBe('ERR_QUICK_UNLOCK_OFF');
    await vault.enableQuickUnlock();
    await vault.changePassword(PASSWORD, 'new one');
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain }))).toBe('resolved');

    const forgot = await forgetQuickUnlock({ path, keychain });
    expect(forgot).toMatchObject({ forgotten: true, reason: 'forgotten' });
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain }))).toBe('ERR_QUICK_UNLOCK_OFF');
    const again = await openVault({ path, password: 'new one', keychain });
    expect(again.quickUnlock).toBe('forgotten');
    await again.enableQuickUnlock();
    expect(await codeOf(openVault({ path, useQuickUnlock: true, keychain }))).toBe('resolved');
  });

  it('without a reachable keychain: ERR_KEYCHAIN_UNAVAILABLE for quick unlock, the password still works, nothing stored elsewhere', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain({ reachable: false });
    expect(
      await codeOf(createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS, quickUnlock: true, keychain })),
    ).toBe('ERR_KEYCHAIN_UNAVAILABLE');
    expect((await inspectVault(path)).exists).toBe(false);
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS, keychain });
    expect(await codeOf(vault.enableQuickUnlock())).toBe('ERR_KEYCHAIN_UNAVAILABLE');
    expect(vault.isDirty).toBe(false);
    expect(await codeOf(openVault({ path, password: PASSWORD, keychain }))).toBe('resolved');
  });

  it('a failed save while turning quick unlock on leaves the keychain as it was', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS, keychain });
    const other = await openVault({ path, password: PASSWORD });
    other.putRecord('x', null, 1);
    await other.save();
    expect(await codeOf(vault.enableQuickUnlock())).toBe('ERR_VAULT_CHANGED_ON_DISK');
    expect(keychain.secrets.size).toBe(0);
  });
});

describe('hardened mode (password AND device key)', () => {
  it('needs both; without the device key → ERR_DEVICE_KEY_MISSING; the recovery kit opens it and restores the key', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    const { vault, recoveryKit } = await createVault({
      path,
      password: PASSWORD,
      iterations: TEST_ITERATIONS,
      mode: 'hardened',
      keychain,
    });
    expect(recoveryKit).toContain(vault.id);
    expect(recoveryKit).toContain('LATCH-RK1-');
    vault.putRecord('a', null, { s: 'hardened' });
    await vault.save();

    expect(await codeOf(openVault({ path, password: PASSWORD, keychain }))).toBe('resolved');
    expect(await codeOf(openVault({ path, password: 'wrong', keychain }))).toBe('ERR_WRONG_PASSWORD');

    const elsewhere = new MemoryKeychain();
    expect(await codeOf(openVault({ path, password: PASSWORD, keychain: elsewhere }))).toBe('ERR_DEVICE_KEY_MISSING');
    expect(
      await codeOf(openVault({ path, password: PASSWORD, keychain: new MemoryKeychain({ reachable: false }) })),
    ).toBe('ERR_DEVICE_KEY_MISSING');
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_DEVICE_KEY_MISSING');
    // The kit alone is not enough.
    expect(await codeOf(openVault({ path, password: 'wrong', recoveryKit: recoveryKit!, keychain: elsewhere }))).toBe(
      'ERR_WRONG_PASSWORD',
    );

    const recovered = await openVault({ path, password: PASSWORD, recoveryKit: recoveryKit!, keychain: elsewhere });
    expect(await recovered.readRecord('a')).toEqual({ s: 'hardened' });
    expect(elsewhere.secrets.has(deviceKeyName(vault.id))).toBe(true);
    expect(await codeOf(openVault({ path, password: PASSWORD, keychain: elsewhere }))).toBe('resolved');

    // Password change in hardened mode keeps needing the device key.
    await recovered.changePassword(PASSWORD, 'hardened 2');
    expect(await codeOf(openVault({ path, password: 'hardened 2', keychain: new MemoryKeychain() }))).toBe(
      'ERR_DEVICE_KEY_MISSING',
    );
    expect(await codeOf(openVault({ path, password: 'hardened 2', keychain }))).toBe('resolved');
  });

  it('refuses quick unlock, and lock-and-forget leaves the device key alone', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    expect(
      await codeOf(
        createVault({
          path,
          password: PASSWORD,
          iterations: TEST_ITERATIONS,
          mode: 'hardened',
          quickUnlock: true,
          keychain,
        }),
      ),
    ).toBe('ERR_BAD_INPUT');
    const { vault } = await createVault({
      path,
      password: PASSWORD,
      iterations: TEST_ITERATIONS,
      mode: 'hardened',
      keychain,
    });
    expect(await codeOf(vault.enableQuickUnlock())).toBe('ERR_BAD_INPUT');
    expect(await forgetQuickUnlock({ path, keychain })).toMatchObject({ forgotten: false, reason: 'hardened' });
    expect(keychain.secrets.size).toBe(1);
    expect(
      await codeOf(
        createVault({
          path: tempVaultPath(),
          password: PASSWORD,
          mode: 'hardened',
          keychain: new MemoryKeychain({ reachable: false }),
        }),
      ),
    ).toBe('ERR_KEYCHAIN_UNAVAILABLE');
  });
});

describe('recovery kit', () => {
  it('parses the whole kit or the secret line in any case and spacing; rejects typos and other vaults', async () => {
    const path = tempVaultPath();
    const keychain = new MemoryKeychain();
    const { vault, recoveryKit } = await createVault({
      path,
      password: PASSWORD,
      iterations: TEST_ITERATIONS,
      mode: 'hardened',
      keychain,
    });
    const stored = Buffer.from(keychain.secrets.get(deviceKeyName(vault.id))!, 'base64');
    expect(Buffer.from(parseRecoveryKit(recoveryKit!, vault.id)).equals(stored)).toBe(true);
    const line = recoveryKit!
      .split('\n')
      .find((l) => l.includes('LATCH-RK1-'))!
      .trim();
    expect(Buffer.from(parseRecoveryKit(line.toLowerCase().replaceAll('-', ' - '), vault.id)).equals(stored)).toBe(
      true,
    );

    const typo = line.slice(0, 20) + (line[20] === 'A' ? 'B' : 'A') + line.slice(21);
    expect(() => parseRecoveryKit(typo, vault.id)).toThrow(expect.objectContaining({ code: 'ERR_BAD_INPUT' }));
    expect(() => parseRecoveryKit(recoveryKit!, '00000000-0000-4000-8000-000000000000')).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_INPUT' }),
    );
    expect(() => parseRecoveryKit('nothing here', vault.id)).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_INPUT' }),
    );
  });
});
