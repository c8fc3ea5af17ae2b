import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { createVault, deviceKeyName, forgetQuickUnlock, openVault } from '../../../main/core/vault';
import { rejectionCode } from '../../support/error-code';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('kc');
// A service name of its own, so a developer's real Latch entries are never touched.
const keychain = new NapiKeychain({ service: `Latch-test-${process.pid}` });
const reachable = await keychain.available();
const ITER = 100_000;
const PW = 'keychain test password';

describe.runIf(reachable)('OS keychain (Secret Service)', () => {
  it('stores, reads and deletes a named secret', async () => {
    await keychain.set('probe-x', 'value-1');
    expect(await keychain.get('probe-x')).toBe('value-1');
    expect(await keychain.delete('probe-x')).toBe(true);
    expect(await keychain.get('probe-x')).toBeNull();
  });

  it('quick unlock: the device key is stored, unlock works without the password, turning it off removes the key', async () => {
    const path = join(dir, 'quick.latch');
    const { vault } = await createVault({ path, password: PW, iterations: ITER, quickUnlock: true, keychain });
    vault.putRecord('a', { n: 1 }, { s: 'quick' });
    await vault.save();
    expect(await keychain.get(deviceKeyName(vault.id))).not.toBeNull();
    const quick = await openVault({ path, useQuickUnlock: true, keychain });
    expect(await quick.readRecord('a')).toEqual({ s: 'quick' });

    expect(await forgetQuickUnlock({ path, keychain })).toMatchObject({ forgotten: true });
    expect(await rejectionCode(openVault({ path, useQuickUnlock: true, keychain }))).toBe('ERR_QUICK_UNLOCK_OFF');
    const again = await openVault({ path, password: PW, keychain });
    await again.enableQuickUnlock();
    expect(await rejectionCode(openVault({ path, useQuickUnlock: true, keychain }))).toBe('resolved');

    await again.disableQuickUnlock();
    expect(await keychain.get(deviceKeyName(vault.id))).toBeNull();
    expect(await rejectionCode(openVault({ path, useQuickUnlock: true, keychain }))).toBe('ERR_QUICK_UNLOCK_OFF');
  });

  it('hardened mode refuses without the device key (ERR_DEVICE_KEY_MISSING); the recovery kit opens it', async () => {
    const path = join(dir, 'hardened.latch');
    const { vault, recoveryKit } = await createVault({
      path,
      password: PW,
      iterations: ITER,
      mode: 'hardened',
      keychain,
    });
    vault.putRecord('h', null, { s: 'hardened' });
    await vault.save();
    expect(await rejectionCode(openVault({ path, password: PW, keychain }))).toBe('resolved');

    // Another machine: the key is not in its keychain.
    await keychain.delete(deviceKeyName(vault.id));
    expect(await rejectionCode(openVault({ path, password: PW, keychain }))).toBe('ERR_DEVICE_KEY_MISSING');
    const restored = await openVault({ path, password: PW, keychain, recoveryKit: recoveryKit! });
    expect(await restored.readRecord('h')).toEqual({ s: 'hardened' });
    // The kit put the device key back.
    expect(await rejectionCode(openVault({ path, password: PW, keychain }))).toBe('resolved');
    await keychain.delete(deviceKeyName(vault.id));
  });
});

describe.runIf(!reachable)('no OS keychain reachable', () => {
  it('reports ERR_KEYCHAIN_UNAVAILABLE and the password alone still works', async () => {
    const path = join(dir, 'nokc.latch');
    expect(
      await rejectionCode(createVault({ path, password: PW, iterations: ITER, quickUnlock: true, keychain })),
    ).toBe('ERR_KEYCHAIN_UNAVAILABLE');
    await createVault({ path, password: PW, iterations: ITER, keychain });
    expect(await rejectionCode(openVault({ path, password: PW, keychain }))).toBe('resolved');
  });
});
