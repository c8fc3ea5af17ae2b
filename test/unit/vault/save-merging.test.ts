// Two writers on one file, as the command line meets the app or another command: the loser of the
// race re-applies its changes per record and saves; only a record both changed is refused, by name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import { createVault, openVault } from '../../../main/core/vault';
import { saveMerging } from '../../../main/core/vault/save-merging';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from './helpers';

async function twoWriters() {
  const path = tempVaultPath();
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  vault.putRecord('shared', { name: 'shared' }, { v: 'original' });
  await vault.save();
  vault.lock();
  const a = await openVault({ path, password: PASSWORD });
  const b = await openVault({ path, password: PASSWORD });
  return { path, a, b };
}

describe('saveMerging', () => {
  it('the writer that lost the race re-applies its own records on top: both land', async () => {
    const { path, a, b } = await twoWriters();
    a.putRecord('from-a', { name: 'a' }, { v: 'a' });
    b.putRecord('from-b', { name: 'b' }, { v: 'b' });
    b.deleteRecord('shared');
    await a.save();
    const result = await saveMerging(b);
    expect(result.revision).toBe(4);
    const after = await openVault({ path, password: PASSWORD });
    expect([...after.entries().keys()].sort()).toEqual(['from-a', 'from-b']);
    expect(await after.readRecord('from-a')).toEqual({ v: 'a' });
    expect(await after.readRecord('from-b')).toEqual({ v: 'b' });
  });

  it('a record both changed is refused, named, and nothing of the loser is saved', async () => {
    const { path, a, b } = await twoWriters();
    a.putRecord('shared', { name: 'shared' }, { v: 'from a' });
    b.putRecord('shared', { name: 'shared' }, { v: 'from b' });
    b.putRecord('other', { name: 'other' }, { v: 'b' });
    await a.save();
    const before = readFileSync(path);
    const err = await saveMerging(b, { describe: (id) => `Service "${id.toUpperCase()}"` }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LatchError);
    expect((err as LatchError).code).toBe('ERR_CONFLICT');
    expect((err as LatchError).message).toContain('Service "SHARED"');
    expect((err as LatchError).detail).toMatchObject({ id: 'shared', reason: 'changed-on-disk' });
    expect(readFileSync(path).equals(before)).toBe(true);
    const after = await openVault({ path, password: PASSWORD });
    expect(await after.readRecord('shared')).toEqual({ v: 'from a' });
    expect(after.entries().has('other')).toBe(false);
  });

  it('a record the other writer deleted while this one changed it is a conflict too', async () => {
    const { a, b } = await twoWriters();
    a.deleteRecord('shared');
    b.putRecord('shared', { name: 'shared' }, { v: 'from b' });
    await a.save();
    await expect(saveMerging(b)).rejects.toMatchObject({
      code: 'ERR_CONFLICT',
      detail: { id: 'shared', reason: 'deleted-on-disk' },
    });
  });

  it('waits while another process holds the lock, then saves', async () => {
    const { path, b } = await twoWriters();
    b.putRecord('late', { name: 'late' }, { v: 'b' });
    let busy = 2;
    const save = b.save.bind(b);
    b.save = () => {
      if (busy-- > 0) return Promise.reject(new LatchError('ERR_VAULT_BUSY', 'held'));
      return save();
    };
    const slept: number[] = [];
    await saveMerging(b, { sleep: async (ms) => void slept.push(ms) });
    expect(slept).toHaveLength(2);
    expect((await openVault({ path, password: PASSWORD })).entries().has('late')).toBe(true);
  });

  it('gives up after its patience with a message that says nothing was saved', async () => {
    const { b } = await twoWriters();
    b.putRecord('x', { name: 'x' }, { v: 'b' });
    b.save = () => Promise.reject(new LatchError('ERR_VAULT_BUSY', 'held'));
    let t = 0;
    await expect(
      saveMerging(b, {
        patienceMs: 1000,
        now: () => t,
        sleep: async (ms) => {
          t += ms * 10;
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_VAULT_BUSY', message: expect.stringContaining('nothing was saved') });
  });

  it('another vault now at the path is not merged into', async () => {
    const { path, b } = await twoWriters();
    const { rmSync } = await import('node:fs');
    rmSync(path);
    rmSync(`${path}.bak`, { force: true });
    (await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS })).vault.lock();
    b.putRecord('x', { name: 'x' }, { v: 'b' });
    await expect(saveMerging(b)).rejects.toMatchObject({
      code: 'ERR_VAULT_CHANGED_ON_DISK',
      detail: { reason: 'different-vault' },
    });
  });
});
