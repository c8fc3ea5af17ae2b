import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createVault, nodeFileSystem, openVault, type VaultFileStat } from '../../../main/core/vault';
import { LineIndex } from '../../../main/core/vault/format/v1/index-lines';
import { FailingFs } from './failing-fs';
import { codeOf, PASSWORD, TEST_ITERATIONS, tempDir, tempVaultPath } from './helpers';

/** A mount that caches file attributes: while `frozen` is set, the vault file's stat is that one, whatever happened. */
class CachedStatFs extends FailingFs {
  frozen: VaultFileStat | null = null;
  override async stat(path: string) {
    return this.frozen && path.endsWith('vault.latch') ? this.frozen : super.stat(path);
  }
}

async function vaultWith(path: string, n = 3) {
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  for (let i = 0; i < n; i++) vault.putRecord(`r${i}`, { name: `R${i}` }, { secret: `s${i}` });
  await vault.save();
  return vault;
}

describe('atomic save', () => {
  it('writes the vault with mode 0600, keeps the previous good file as a valid .bak, and leaves no temporary', async () => {
    const path = tempVaultPath();
    const v = await vaultWith(path);
    const before = readFileSync(path);
    v.putRecord('new', { name: 'New' }, { secret: 'n' });
    await v.save();
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.bak`).equals(before)).toBe(true);
    const fromBak = await openVault({ path, useBackup: true, password: PASSWORD });
    expect(fromBak.entries().has('new')).toBe(false);
    expect(fromBak.entries().has('r0')).toBe(true);
    expect(readdirSync(join(path, '..')).sort()).toEqual(['vault.latch', 'vault.latch.bak']);
  });

  it('re-encrypts only changed records: unchanged ciphertexts are copied as they were', async () => {
    const path = tempVaultPath();
    const v = await vaultWith(path, 50);
    v.putRecord('r7', { name: 'R7' }, { secret: 'changed' });
    const r = await v.save();
    expect(r.encryptedRecords).toBe(1);
    const again = await openVault({ path, password: PASSWORD });
    expect(await again.readRecord('r7')).toEqual({ secret: 'changed' });
    expect(await again.readRecord('r8')).toEqual({ secret: 's8' });
  });

  it('a failure at any single file-system step leaves the original byte-identical, removes the temporary, keeps the change unsaved', async () => {
    const base = tempDir();
    const seed = join(base, 'seed.latch');
    await vaultWith(seed);
    const original = readFileSync(seed);

    // Dry run: list the calls a save makes.
    const dry = new FailingFs();
    const dryPath = join(tempDir(), 'vault.latch');
    copyFileSync(seed, dryPath);
    const dv = await openVault({ path: dryPath, password: PASSWORD, fs: dry });
    dv.putRecord('x', { name: 'X' }, { secret: 'x' });
    dry.counting = true;
    await dv.save();
    const steps = dry.calls;
    expect(steps.length).toBeGreaterThan(10);
    expect(steps).toMatchSnapshot();
    const commit = steps.findIndex((c) => c.startsWith('rename .vault.latch.'));
    expect(commit).toBeGreaterThan(0);

    for (const errno of ['ENOSPC', 'EACCES', 'EIO']) {
      for (let k = 0; k < steps.length; k++) {
        const dir = tempDir();
        const path = join(dir, 'vault.latch');
        copyFileSync(seed, path);
        const fs = new FailingFs();
        fs.errno = errno;
        const v = await openVault({ path, password: PASSWORD, fs });
        v.putRecord('x', { name: 'X' }, { secret: 'x' });
        fs.counting = true;
        fs.failAt = k;
        const code = await codeOf(v.save());
        fs.counting = false;
        const leftovers = readdirSync(dir).filter(
          (n) => n.endsWith('.tmp') || n.endsWith('.lock') || n.endsWith('.gone'),
        );
        const label = `${errno} at #${k} ${steps[k]}`;
        expect(leftovers, label).toEqual([]);
        // Best-effort steps: the cleanup of leftovers of an earlier killed save.
        const bestEffort = steps[k] === 'readdir';
        if (k <= commit && !bestEffort) {
          expect(code, label).toBe('ERR_SAVE_FAILED');
          expect(readFileSync(path).equals(original), label).toBe(true);
          expect(v.isDirty, label).toBe(true);
          // The change is still there and a healthy retry saves it.
          await v.save();
          expect(v.isDirty, label).toBe(false);
        } else {
          // After the rename the new file is in place: a failed folder fsync or lock removal is not a lost save.
          expect(code, label).toBe('resolved');
          expect(v.isDirty, label).toBe(false);
        }
        const reopened = await openVault({ path, password: PASSWORD });
        expect(await reopened.readRecord('x'), label).toEqual({ secret: 'x' });
      }
    }
  }, 60_000);

  it('never overwrites a file changed on disk by another writer; reload re-applies the local changes', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    const app = await openVault({ path, password: PASSWORD });
    const cli = await openVault({ path, password: PASSWORD });
    cli.putRecord('from-cli', { name: 'CLI' }, { secret: 'c' });
    await cli.save();

    app.putRecord('from-app', { name: 'App' }, { secret: 'a' });
    app.deleteRecord('r1');
    const onDisk = readFileSync(path);
    expect(await codeOf(app.save())).toBe('ERR_VAULT_CHANGED_ON_DISK');
    expect(readFileSync(path).equals(onDisk)).toBe(true);
    expect(app.isDirty).toBe(true);

    const r = await app.reload();
    expect(r.reapplied).toBe(2);
    expect(r.conflicts).toEqual([]);
    await app.save();
    const final = await openVault({ path, password: PASSWORD });
    expect([...final.entries().keys()].sort()).toEqual(['from-app', 'from-cli', 'r0', 'r2']);
    expect(await final.readRecord('from-cli')).toEqual({ secret: 'c' });
    expect(await final.readRecord('from-app')).toEqual({ secret: 'a' });
  });

  it('a change the stat does not show (a mount with cached or coarse times) is caught by the checksum trailer', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    const fs = new CachedStatFs();
    const app = await openVault({ path, password: PASSWORD, fs });
    fs.frozen = await nodeFileSystem.stat(path);
    // Another writer saves; the app's mount keeps answering with the stat the app opened the file at.
    const cli = await openVault({ path, password: PASSWORD });
    cli.putRecord('from-cli', { name: 'CLI' }, { secret: 'c' });
    await cli.save();
    const onDisk = readFileSync(path);

    app.putRecord('from-app', { name: 'App' }, { secret: 'a' });
    expect(await codeOf(app.save())).toBe('ERR_VAULT_CHANGED_ON_DISK');
    expect(readFileSync(path).equals(onDisk)).toBe(true);
    expect(app.isDirty).toBe(true);
  });

  it('reports records changed on both sides as conflicts (local version kept)', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    const a = await openVault({ path, password: PASSWORD });
    const b = await openVault({ path, password: PASSWORD });
    a.putRecord('r0', { name: 'A' }, { secret: 'from a' });
    await a.save();
    b.putRecord('r0', { name: 'B' }, { secret: 'from b' });
    expect(await codeOf(b.save())).toBe('ERR_VAULT_CHANGED_ON_DISK');
    const r = await b.reload();
    expect(r.conflicts).toEqual([{ id: 'r0', reason: 'changed-on-disk' }]);
    await b.save();
    expect(await (await openVault({ path, password: PASSWORD })).readRecord('r0')).toEqual({ secret: 'from b' });
  });

  it('a touch of the file without a content change is not a conflict', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    const v = await openVault({ path, password: PASSWORD });
    writeFileSync(path, readFileSync(path));
    v.putRecord('y', null, { s: 1 });
    await v.save();
  });

  it('a password changed by another writer does not stop this session from saving (same vault key)', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    const a = await openVault({ path, password: PASSWORD });
    const b = await openVault({ path, password: PASSWORD });
    await b.changePassword(PASSWORD, 'another password');
    a.putRecord('z', null, { s: 2 });
    expect(await codeOf(a.save())).toBe('ERR_VAULT_CHANGED_ON_DISK');
    await a.reload();
    await a.save();
    const c = await openVault({ path, password: 'another password' });
    expect(await c.readRecord('z')).toEqual({ s: 2 });
  });

  it('a damaged main file with a good .bak: the error says a backup is available, and the backup opens', async () => {
    const path = tempVaultPath();
    const v = await vaultWith(path);
    v.putRecord('later', null, { s: 3 });
    await v.save();
    const damaged = readFileSync(path);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff;
    writeFileSync(path, damaged);
    try {
      await openVault({ path, password: PASSWORD });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('ERR_VAULT_CORRUPT');
      expect((e as { detail: Record<string, unknown> }).detail.backupAvailable).toBe(true);
    }
    expect(readFileSync(path).equals(damaged)).toBe(true);
    const restored = await openVault({ path, password: PASSWORD, useBackup: true });
    expect(restored.openedFrom).toBe('backup');
    expect(restored.isDirty).toBe(true);
    await restored.save();
    const bakBefore = readFileSync(`${path}.bak`);
    const healthy = await openVault({ path, password: PASSWORD });
    expect(healthy.entries().has('r0')).toBe(true);
    // The damaged file was not made the backup.
    expect(readFileSync(`${path}.bak`).equals(bakBefore)).toBe(true);
    expect(await codeOf(openVault({ path: `${path}.bak`, password: PASSWORD }))).toBe('resolved');
  });

  it('a stale lock of a dead writer is broken; a live one makes the save wait and then fail with ERR_VAULT_BUSY', async () => {
    const path = tempVaultPath();
    const v = await vaultWith(path);
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        at: Date.now(),
        token: 'dead',
      }),
    );
    v.putRecord('a', null, 1);
    await v.save();
    expect(readdirSync(join(path, '..'))).not.toContain('vault.latch.lock');

    writeFileSync(
      `${path}.lock`,
      JSON.stringify({ pid: process.ppid, host: 'another-host', at: Date.now(), token: 'live' }),
    );
    const busy = await openVault({ path, password: PASSWORD, lock: { waitMs: 100 } });
    busy.putRecord('b', null, 2);
    expect(await codeOf(busy.save())).toBe('ERR_VAULT_BUSY');
    expect(busy.isDirty).toBe(true);
  });

  it('creation refuses to overwrite an existing vault', async () => {
    const path = tempVaultPath();
    await vaultWith(path);
    expect(await codeOf(createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS }))).toBe(
      'ERR_VAULT_EXISTS',
    );
  });
});

describe('a failed open leaves no decrypted index behind', () => {
  it('opening the backup, a main file that cannot be read zeroes the index it had decrypted', async () => {
    const path = tempVaultPath();
    const v = await vaultWith(path);
    v.putRecord('new', { name: 'New' }, { secret: 'n' });
    await v.save();
    v.lock();
    /** The main file is there but cannot be read (EACCES): only the backup is opened. */
    class MainUnreadable extends FailingFs {
      override async stat(p: string) {
        if (p === path) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return super.stat(p);
      }
    }
    const wipe = vi.spyOn(LineIndex.prototype, 'wipe');
    try {
      await expect(
        openVault({ path, useBackup: true, password: PASSWORD, fs: new MainUnreadable() }),
      ).rejects.toMatchObject({ code: 'EACCES' });
      expect(wipe).toHaveBeenCalledTimes(1);
    } finally {
      wipe.mockRestore();
    }
  });
});
