import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { deviceKeyName, inspectVault, type JsonValue, openVault, type VaultMode } from '../../../main/core/vault';
import { tempDir } from './helpers';

interface FixtureItem {
  file: string;
  format: number;
  mode: 'password' | 'hardened' | 'quick';
  password: string;
  vaultId: string;
  recoveryKitFile?: string;
  deviceKey?: string;
  entries: Record<string, JsonValue>;
  bodies: Record<string, JsonValue>;
}

const dir = join(import.meta.dirname, '../../fixtures/vault');
const fixtures: FixtureItem[] = readdirSync(dir)
  .filter((n) => /^fixtures\.v\d+\.json$/.test(n))
  .flatMap((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as FixtureItem[]);

describe('committed format fixtures open in this version', () => {
  it('has fixtures for format v1', () => {
    expect(fixtures.filter((f) => f.format === 1).length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures.map((f) => [`v${f.format} ${f.mode} (${f.file})`, f] as const))('%s', async (_name, f) => {
    // Work on a copy: the committed file must never change.
    const path = join(tempDir(), 'vault.latch');
    copyFileSync(join(dir, f.file), path);
    const info = await inspectVault(path);
    expect(info).toMatchObject({ exists: true, formatVersion: f.format, vaultId: f.vaultId });
    expect(info.exists && info.mode).toBe<VaultMode>(f.mode === 'hardened' ? 'hardened' : 'password');

    const keychain = new MemoryKeychain();
    if (f.deviceKey) keychain.secrets.set(deviceKeyName(f.vaultId), f.deviceKey);
    const recoveryKit = f.recoveryKitFile ? readFileSync(join(dir, f.recoveryKitFile), 'utf8') : undefined;
    const vault =
      f.mode === 'quick'
        ? await openVault({ path, useQuickUnlock: true, keychain })
        : await openVault({ path, password: f.password, keychain, ...(recoveryKit ? { recoveryKit } : {}) });
    // Format 1 fixtures were written with the first index layout (one JSON document): parsed whole at unlock.
    expect(vault.indexFullyParsed).toBe(true);
    expect(Object.fromEntries(vault.entries())).toEqual(f.entries);
    for (const [id, body] of Object.entries(f.bodies)) expect(await vault.readRecord(id)).toEqual(body);

    // And it saves in the current format (the line index) and reopens with the same content.
    vault.putRecord('added-by-test', null, { ok: true });
    await vault.save();
    const again = await openVault({ path, password: f.password, keychain, ...(recoveryKit ? { recoveryKit } : {}) });
    expect(again.indexFullyParsed).toBe(false); // rows read on demand: the line index
    const [firstId, firstBody] = Object.entries(f.bodies)[0]!;
    expect(await again.readRecord(firstId)).toEqual(firstBody);
    expect(again.entries().get(firstId)).toEqual(f.entries[firstId]);
    expect(again.indexFullyParsed).toBe(false);
    expect(Object.fromEntries(again.entries())).toEqual({ ...f.entries, 'added-by-test': null });
    expect(again.indexFullyParsed).toBe(true);
    for (const [id, body] of Object.entries(f.bodies)) expect(await again.readRecord(id)).toEqual(body);
    // A second save (from the line index) reopens too.
    again.deleteRecord('added-by-test');
    await again.save();
    const third = await openVault({ path, password: f.password, keychain, ...(recoveryKit ? { recoveryKit } : {}) });
    expect(Object.fromEntries(third.entries())).toEqual(f.entries);
  });
});
