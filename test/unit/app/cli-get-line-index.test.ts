/**
 * `latch get` on a vault saved with the line index reads only the rows it needs (the named service's and
 * its body): the structure the command line's start-up figures rely on. And every other use of the rows
 * (listing, a change, a save, a reload that re-applies changes) sees them all, as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliSession } from '../../../main/app/cli-session';
import { mergingRecordVault } from '../../../main/app/vault/merging-records';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { systemClock } from '../../../main/core/platform';
import { createVault } from '../../../main/core/vault/create-vault';
import { openVault } from '../../../main/core/vault/open';

const PASSWORD = 'correct horse battery staple';
let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-line-index-'));
  path = join(dir, 'vault.latch');
  const { vault } = await createVault({ path, password: PASSWORD, iterations: 100_000 });
  const store = new ServiceStore(vault, systemClock);
  await store.inOneSave(async () => {
    for (let i = 0; i < 40; i++) {
      const id = await store.createService({ name: `Service ${i}`, tags: [`"name":"Service ${i + 1}"`] });
      await store.addCredential(id, {
        kind: 'api-key',
        name: 'live',
        fields: { value: `sk_live_${i}`, header: 'Authorization', prefix: 'Bearer ' },
      });
    }
  });
  vault.lock();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a vault with the line index, as latch get uses it', () => {
  it('resolves a reference reading only what it needs; a listing then reads every row', async () => {
    const vault = await openVault({ path, password: PASSWORD });
    const session = openCliSession(vault, systemClock);
    const { value, located } = await session.secrets.resolve('Service 17/live');
    expect(value).toBe('sk_live_17');
    expect(located.service.name).toBe('Service 17');
    expect(vault.indexFullyParsed).toBe(false);
    // The same through the command line's merging store (what `latch get` builds).
    const store = new ServiceStore(mergingRecordVault(vault), systemClock);
    expect((await store.resolve('service 3/LIVE')).credential.name).toBe('live');
    expect(vault.indexFullyParsed).toBe(false);
    // Listing needs every entry.
    expect(session.credentials.summaries()).toHaveLength(40);
    expect(vault.indexFullyParsed).toBe(true);
    vault.lock();
  });

  it('a change on the lazy index, saved while another writer saved, reloads and re-applies it', async () => {
    const mine = await openVault({ path, password: PASSWORD });
    const theirs = await openVault({ path, password: PASSWORD });
    const theirStore = new ServiceStore(theirs, systemClock);
    await theirStore.createService({ name: 'Theirs' });
    const myStore = new ServiceStore(mergingRecordVault(mine), systemClock);
    const id = myStore.findServiceId('Service 5');
    expect(mine.indexFullyParsed).toBe(false);
    await myStore.updateService(id, { name: 'Service 5 renamed' }); // saves, merging with the file on disk
    const after = await openVault({ path, password: PASSWORD });
    const names = new ServiceStore(after, systemClock).summaries().map((s) => s.name);
    expect(names).toContain('Theirs');
    expect(names).toContain('Service 5 renamed');
    expect(names).toHaveLength(41);
    for (const v of [mine, theirs, after]) v.lock();
  });
});
