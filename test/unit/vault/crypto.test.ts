import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVault, DEFAULT_ITERATIONS, inspectVault, measureKdf, openVault } from '../../../main/core/vault';
import { recordAad } from '../../../main/core/vault/aad';
import { open, seal } from '../../../main/core/vault/aead';
import { codeOf, PASSWORD, sectionOf, TEST_ITERATIONS, tempVaultPath } from './helpers';

const subtle = globalThis.crypto.subtle;

describe('vault round trips', () => {
  it('stores index entries and bodies, and reads them back after reopening', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.putRecord('github', { name: 'GitHub', kind: 'bearer', tags: ['work'] }, { token: 'ghp_abc' });
    vault.putRecord('stripe', { name: 'Stripe', kind: 'api-key' }, { value: 'sk_test_1', header: 'Authorization' });
    expect(vault.isDirty).toBe(true);
    const saved = await vault.save();
    expect(saved.encryptedRecords).toBe(2);
    expect(vault.isDirty).toBe(false);

    const again = await openVault({ path, password: PASSWORD });
    expect(Object.fromEntries(again.entries())).toEqual({
      github: { name: 'GitHub', kind: 'bearer', tags: ['work'] },
      stripe: { name: 'Stripe', kind: 'api-key' },
    });
    expect(await again.readRecord('github')).toEqual({ token: 'ghp_abc' });
    expect(await again.readRecord('stripe')).toEqual({ value: 'sk_test_1', header: 'Authorization' });
    expect(await codeOf(again.readRecord('nope'))).toBe('ERR_NOT_FOUND');

    again.setEntry('github', { name: 'GitHub (renamed)' });
    expect(again.deleteRecord('stripe')).toBe(true);
    const second = await again.save();
    expect(second.encryptedRecords).toBe(0);
    const third = await openVault({ path, password: PASSWORD });
    expect(Object.fromEntries(third.entries())).toEqual({ github: { name: 'GitHub (renamed)' } });
    expect(await third.readRecord('github')).toEqual({ token: 'ghp_abc' });
  });

  it('never shows the plain text of a secret in the file', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.putRecord('x', { name: 'Visible-Name-Entry' }, { token: 'SUPER-SECRET-TOKEN-VALUE' });
    await vault.save();
    const text = readFileSync(path).toString('latin1');
    expect(text).not.toContain('SUPER-SECRET-TOKEN-VALUE');
    expect(text).not.toContain('Visible-Name-Entry');
    expect(text).not.toContain(PASSWORD);
  });

  it('refuses a wrong password with ERR_WRONG_PASSWORD', async () => {
    const path = tempVaultPath();
    await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    expect(await codeOf(openVault({ path, password: 'wrong' }))).toBe('ERR_WRONG_PASSWORD');
    expect(await codeOf(openVault({ path }))).toBe('ERR_BAD_INPUT');
    expect(await codeOf(openVault({ path: `${path}.missing`, password: PASSWORD }))).toBe('ERR_VAULT_NOT_FOUND');
  });

  it('uses a fresh salt per vault and fresh nonces per save', async () => {
    const a = tempVaultPath();
    const b = tempVaultPath();
    await createVault({ path: a, password: PASSWORD, iterations: TEST_ITERATIONS });
    await createVault({ path: b, password: PASSWORD, iterations: TEST_ITERATIONS });
    const ha = JSON.parse(
      readFileSync(a)
        .subarray(14, 14 + readFileSync(a).readUInt32BE(10))
        .toString(),
    );
    const hb = JSON.parse(
      readFileSync(b)
        .subarray(14, 14 + readFileSync(b).readUInt32BE(10))
        .toString(),
    );
    expect(ha.kdf.salt).not.toBe(hb.kdf.salt);
    expect(Buffer.from(ha.kdf.salt, 'base64').length).toBeGreaterThanOrEqual(16);

    const v = await openVault({ path: a, password: PASSWORD });
    v.putRecord('r', { n: 1 }, { s: 'same' });
    await v.save();
    const first = readFileSync(a);
    v.putRecord('r', { n: 1 }, { s: 'same' });
    await v.save();
    const second = readFileSync(a);
    expect(first.length).toBe(second.length);
    expect(first.equals(second)).toBe(false);
  });

  it('defaults to 600,000 PBKDF2 iterations and refuses fewer than the floor', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD });
    expect(vault.iterations).toBe(DEFAULT_ITERATIONS);
    expect(DEFAULT_ITERATIONS).toBe(600_000);
    const info = await inspectVault(path);
    expect(info.exists && info.iterations).toBe(600_000);
    expect(await codeOf(createVault({ path: tempVaultPath(), password: PASSWORD, iterations: 50_000 }))).toBe(
      'ERR_BAD_INPUT',
    );
  });

  it('measures the unlock cost of an iteration count', async () => {
    const ms = await measureKdf(TEST_ITERATIONS);
    expect(ms).toBeGreaterThan(0);
  });

  it('bounds the measurement: 100,000,000 iterations, 20 callers at once, one short sample shared by all', async () => {
    const start = performance.now();
    const all = await Promise.all(Array.from({ length: 20 }, () => measureKdf(100_000_000)));
    // Running the count for real would take minutes per caller; the sample takes well under a second.
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(new Set(all).size).toBe(1);
    const small = await measureKdf(1_000_000);
    expect(all[0]).toBeCloseTo(small * 100, 3);
    expect(await codeOf(measureKdf(100_000_001))).toBe('ERR_BAD_INPUT');
  });
});

describe('change password', () => {
  it('re-wraps the vault key: every record survives, the old password stops working, records are not re-encrypted', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    for (let i = 0; i < 20; i++) vault.putRecord(`r${i}`, { i }, { secret: `s${i}` });
    await vault.save();
    const before = await openVault({ path, password: PASSWORD });
    const recordsBefore = sectionOf(readFileSync(path), 2);

    expect(await codeOf(before.changePassword('not the old one', 'new password'))).toBe('ERR_WRONG_PASSWORD');
    await before.changePassword(PASSWORD, 'new password');
    expect(before.isDirty).toBe(false);
    expect(sectionOf(readFileSync(path), 2).equals(recordsBefore)).toBe(true);

    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_WRONG_PASSWORD');
    const after = await openVault({ path, password: 'new password' });
    for (let i = 0; i < 20; i++) expect(await after.readRecord(`r${i}`)).toEqual({ secret: `s${i}` });
  });

  it('raises the iteration count without re-encrypting data', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.putRecord('a', null, { v: 1 });
    await vault.save();
    await vault.setIterations(TEST_ITERATIONS + 1000, PASSWORD);
    const info = await inspectVault(path);
    expect(info.exists && info.iterations).toBe(TEST_ITERATIONS + 1000);
    const again = await openVault({ path, password: PASSWORD });
    expect(await again.readRecord('a')).toEqual({ v: 1 });
  });
});

describe('AAD binding of record ciphertexts', () => {
  it('a record ciphertext does not decrypt as another record, another vault or another revision', async () => {
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const body = new TextEncoder().encode('{"secret":1}');
    const blob = await seal(key, body, recordAad('vault-a', 'r1', 3));
    expect(new TextDecoder().decode(await open(key, blob, recordAad('vault-a', 'r1', 3)))).toBe('{"secret":1}');
    await expect(open(key, blob, recordAad('vault-a', 'r2', 3))).rejects.toThrow();
    // A plain Uint8Array, as WebCrypto's was: a Buffer's slice() would be a view, and a caller that copies with
    // slice() and zeroes the original (rekey.ts's withBodies) would zero its copy.
    const plain = await open(key, blob, recordAad('vault-a', 'r1', 3));
    const copy = plain.slice();
    plain.fill(0);
    expect(new TextDecoder().decode(copy)).toBe('{"secret":1}');
    await expect(open(key, blob, recordAad('vault-b', 'r1', 3))).rejects.toThrow();
    await expect(open(key, blob, recordAad('vault-a', 'r1', 2))).rejects.toThrow();
  });
});
