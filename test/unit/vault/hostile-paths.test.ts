/**
 * The vault file where it is not a plain file in a writable folder: a symbolic link into a
 * synced folder, a lock left empty by a killed writer, a lock that cannot be taken, a device
 * or a FIFO given as the vault.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import { createVault, inspectVault, openVault } from '../../../main/core/vault';
import { forSurface } from '../../../main/core/vault/save-failure';
import { FailingFs } from './failing-fs';
import { codeOf, PASSWORD, TEST_ITERATIONS, tempDir } from './helpers';

async function newVault(path: string) {
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  vault.putRecord('r0', { name: 'R0' }, { secret: 's0' });
  await vault.save();
  return vault;
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; result: T | LatchError }> {
  const t0 = Date.now();
  const result = await p.catch((e: LatchError) => e);
  return { ms: Date.now() - t0, result };
}

describe('a symlinked vault path', () => {
  it('a save writes the real file in its own folder; the link stays a link', async () => {
    const synced = join(tempDir(), 'Dropbox');
    mkdirSync(synced);
    const target = join(synced, 'vault.latch');
    const v = await newVault(target);
    v.lock();
    const home = tempDir();
    const link = join(home, 'vault.latch');
    symlinkSync(target, link);

    const opened = await openVault({ path: link, password: PASSWORD });
    opened.putRecord('r1', { name: 'R1' }, { secret: 'through the link' });
    await opened.save();
    opened.lock();

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // Temporary, backup and lock beside the target; nothing left beside the link.
    expect(readdirSync(home)).toEqual(['vault.latch']);
    expect(readdirSync(synced).sort()).toEqual(['vault.latch', 'vault.latch.bak']);
    const direct = await openVault({ path: target, password: PASSWORD });
    expect(await direct.readRecord('r1')).toEqual({ secret: 'through the link' });
    const info = await inspectVault(link);
    expect(info.exists && info.backupExists).toBe(true);
  });
});

describe('the save lock', () => {
  it('a lock left empty by a killed writer is broken at once, not after 30 s', async () => {
    const path = join(tempDir(), 'vault.latch');
    const v = await newVault(path);
    writeFileSync(`${path}.lock`, '');
    const old = new Date(Date.now() - 5_000);
    utimesSync(`${path}.lock`, old, old);
    v.putRecord('a', null, 1);
    const { ms, result } = await timed(v.save());
    expect(result).not.toBeInstanceOf(LatchError);
    expect(ms).toBeLessThan(1_000);
    expect(readdirSync(join(path, '..'))).not.toContain('vault.latch.lock');
  });

  it('a lock that names no process (no pid) is broken too; a just-created one gets a second to be written', async () => {
    const path = join(tempDir(), 'vault.latch');
    const v = await newVault(path);
    writeFileSync(`${path}.lock`, JSON.stringify({ host: hostname(), at: Date.now() }));
    v.putRecord('a', null, 1);
    const { ms, result } = await timed(v.save());
    expect(result).not.toBeInstanceOf(LatchError);
    // Fresh (mtime now): the writer may still be writing it, so it waits out the grace, then breaks it.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
  });

  it.each([
    ['EROFS', /read-only file system/],
    ['EACCES', /permission to create files in .* was refused/],
    ['ENOSPC', /disk holding .* is full/],
  ])('a lock that cannot be taken (%s) names the cause and what to do', async (errno, text) => {
    const path = join(tempDir(), 'vault.latch');
    (await newVault(path)).lock();
    const fs = new FailingFs();
    const v = await openVault({ path, password: PASSWORD, fs });
    v.putRecord('a', null, 1);
    fs.errno = errno;
    fs.counting = true;
    fs.failAt = 0; // the first call of the save: creating the lock file
    const e = (await v.save().catch((x: unknown) => x)) as LatchError;
    expect(fs.calls[0]).toMatch(/^create .*\.lock$/);
    expect(e.code).toBe('ERR_SAVE_FAILED');
    expect(e.detail).toMatchObject({ errno, step: 'lock', creating: false });
    expect(e.message).toMatch(text);
    expect(e.message).not.toMatch(/still open in Latch/);
    // Each surface says where the changes are.
    expect((forSurface(e, 'app') as LatchError).message).toMatch(/still open in Latch/);
    expect((forSurface(e, 'cli') as LatchError).message).toMatch(/This command saved nothing/);
    expect(v.isDirty).toBe(true);
  });
});

describe('a path that is not a regular file', () => {
  it.each(['/dev/zero', '/dev/null'])('%s is refused within a second, by open and by inspect', async (device) => {
    for (const attempt of [() => openVault({ path: device, password: PASSWORD }), () => inspectVault(device)]) {
      const { ms, result } = await timed<unknown>(attempt());
      expect(ms).toBeLessThan(1_000);
      expect((result as LatchError).code).toBe('ERR_BAD_INPUT');
      expect((result as LatchError).message).toMatch(/not a regular file/);
    }
  });

  it.runIf(spawnSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' }).status === 0)(
    'a FIFO is refused within a second (no writer ever comes), by open and by inspect',
    async () => {
      const fifo = join(tempDir(), 'vault.latch');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      for (const attempt of [() => openVault({ path: fifo, password: PASSWORD }), () => inspectVault(fifo)]) {
        const { ms, result } = await timed<unknown>(attempt());
        expect(ms).toBeLessThan(1_000);
        expect((result as LatchError).code).toBe('ERR_BAD_INPUT');
      }
      expect(await codeOf(createVault({ path: fifo, password: PASSWORD, iterations: TEST_ITERATIONS }))).toBe(
        'ERR_VAULT_EXISTS',
      );
    },
  );
});
