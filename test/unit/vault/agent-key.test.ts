import { describe, expect, it } from 'vitest';
import { readServiceEntry } from '../../../main/core/credentials/service-records';
import { createVault, nodeFileSystem, openVault, type VaultFileSystem } from '../../../main/core/vault';
import { importVaultKey } from '../../../main/core/vault/aead';
import { readVaultSource } from '../../../main/core/vault/open';
import { codeOf, PASSWORD, TEST_ITERATIONS, tempVaultPath } from './helpers';

/** A file system that refuses to read: proves openVault used the bytes it was given. */
const noReads: VaultFileSystem = {
  ...nodeFileSystem,
  readFile: () => Promise.reject(new Error('read the file a second time')),
};

describe('the vault key as the unlock agent holds it', () => {
  it('exports the key after a password unlock; the key alone opens the file, read once, and can save', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.putRecord('a', { n: 'A' }, { s: 1 });
    await vault.save();
    vault.lock();

    const unlocked = await openVault({ path, password: PASSWORD });
    const raw = await unlocked.exportKeyForAgent();
    expect(raw.length).toBe(32);
    const copy = raw.slice();
    unlocked.lock();

    const source = await readVaultSource(path);
    const opened = await openVault({ path, source, vaultKey: await importVaultKey(raw), fs: noReads });
    expect(raw.every((b) => b === 0)).toBe(true);
    expect(await opened.readRecord('a')).toEqual({ s: 1 });
    opened.lock();

    const writer = await openVault({ path, vaultKey: await importVaultKey(copy) });
    writer.putRecord('b', { n: 'B' }, { s: 2 });
    await writer.save();
    writer.lock();
    const check = await openVault({ path, password: PASSWORD });
    expect(await check.readRecord('b')).toEqual({ s: 2 });
    // An agent-opened vault has no slot key: it cannot hand the key on again.
    const again = await openVault({ path, vaultKey: await importVaultKey((await check.exportKeyForAgent()).slice()) });
    expect(await codeOf(again.exportKeyForAgent())).toBe('ERR_VAULT_LOCKED');
  });

  it('a key that does not fit is ERR_VAULT_LOCKED, not a damaged file', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    const wrong = await importVaultKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    expect(await codeOf(openVault({ path, vaultKey: wrong }))).toBe('ERR_VAULT_LOCKED');
  });
});

describe('index entries are read without a schema parse', () => {
  it('tells service entries from other records and malformed values', () => {
    const entry = { type: 'service', v: 1, name: 'GitHub', credentials: [] };
    expect(readServiceEntry(entry)).toBe(entry);
    for (const other of [null, 'x', { type: 'request', v: 1 }, { type: 'service', v: 2, name: 'x', credentials: [] }])
      expect(readServiceEntry(other)).toBeNull();
    expect(readServiceEntry({ type: 'service', v: 1, name: 3, credentials: [] })).toBeNull();
  });
});
