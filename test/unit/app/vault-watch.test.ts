/**
 * The app (browser host, desktop shell) keeps the unlocked vault in memory; what the command line writes to the
 * same file must show without a lock and unlock. The vault service watches the file (main/core/io/watch-file.ts)
 * and reloads when it holds another program's write: real files, the real watcher.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeFileWatcher } from '../../../main/app/vault/file-watcher';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { watchFile } from '../../../main/core/io/watch-file';
import { systemClock } from '../../../main/core/platform';
import { createVault } from '../../../main/core/vault/create-vault';
import { openVault } from '../../../main/core/vault/open';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

const PASSWORD = 'correct horse battery staple';

let dir: string;
let app: Composed;
let causes: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-watch-'));
  app = composeForTest({ dataDir: dir, watcher: nodeFileWatcher });
  causes = [];
  app.services.events.on('credentials.changed', (e) => causes.push(e.cause));
});

afterEach(async () => {
  await app.services.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** What `latch add` does from another process: open the file, add services, save each, close. */
async function cliAdds(path: string, ...names: string[]): Promise<void> {
  const v = await openVault({ path, password: PASSWORD });
  const store = new ServiceStore(v, systemClock);
  for (const name of names) await store.createService({ name });
  v.lock();
}

const names = () => app.services.credentials.summaries().map((s) => s.name);
const reloads = () => causes.filter((c) => c === 'reload').length;
/** Longer than the watch's quiet time (200 ms) and a reload, on a busy machine. */
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function createInApp(): Promise<void> {
  await app.services.vault.create({ password: PASSWORD, mode: 'password', quickUnlock: false, iterations: 100_000 });
}

describe('the unlocked vault, written by another program', () => {
  it('shows the other program’s service without a lock, announced as a reload (fails without the watch)', async () => {
    await createInApp();
    await cliAdds(app.services.vault.path, 'Stripe');
    // The list reads the reloaded vault a moment before the reload's event is sent: wait for both.
    await vi.waitFor(
      () => {
        expect(names()).toContain('Stripe');
        expect(causes).toContain('reload');
      },
      { timeout: 5000, interval: 50 },
    );
    expect(app.services.vault.status()).toMatchObject({ state: 'unlocked', unsaved: false });
  });

  it('does not reload for the app’s own saves', async () => {
    await createInApp();
    await app.services.credentials.createService({ name: 'Mine' });
    await app.services.credentials.createService({ name: 'Mine too' });
    await settle();
    expect(reloads()).toBe(0);
    expect(names().sort()).toEqual(['Mine', 'Mine too']);
  });

  it('reloads once for a burst of writes', async () => {
    // A quiet time far above the four saves' own (which a loaded CI machine can stretch past 200 ms each), so the
    // test asks only whether a burst inside the quiet time is one reload, not how fast this machine writes.
    app = composeForTest({ dataDir: dir, watcher: { watch: (path, on) => watchFile(path, on, { debounceMs: 2000 }) } });
    app.services.events.on('credentials.changed', (e) => causes.push(e.cause));
    await createInApp();
    await cliAdds(app.services.vault.path, 'One', 'Two', 'Three', 'Four');
    await vi.waitFor(() => expect(names()).toContain('Four'), { timeout: 10_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 2500));
    expect(reloads()).toBe(1);
  });

  it('follows a vault path that is a symbolic link to the file in another folder', async () => {
    const real = join(dir, 'synced', 'vault.latch');
    mkdirSync(join(dir, 'synced'));
    mkdirSync(join(dir, 'home'));
    const link = join(dir, 'home', 'vault.latch');
    (await createVault({ path: real, password: PASSWORD, mode: 'password', iterations: 100_000 })).vault.lock();
    symlinkSync(real, link);
    await app.services.vault.choose(link);
    await app.services.vault.unlock({ password: PASSWORD, useQuickUnlock: false, useBackup: false });
    await cliAdds(real, 'Through the link');
    await vi.waitFor(() => expect(names()).toContain('Through the link'), { timeout: 5000, interval: 50 });
  });

  it('stops watching when locked', async () => {
    await createInApp();
    await app.services.vault.lock(false);
    await cliAdds(app.services.vault.path, 'While locked');
    await settle();
    expect(reloads()).toBe(0);
  });
});

describe('a change told while a failed save waits for the user', () => {
  it('reloads nothing: the save-failed banner’s choice stays the user’s', async () => {
    let told = (): void => undefined;
    const byHand = {
      watch: (_path: string, onChange: () => void) => {
        told = onChange;
        return () => undefined;
      },
    };
    app = composeForTest({ dataDir: dir, watcher: byHand });
    app.services.events.on('credentials.changed', (e) => causes.push(e.cause));
    await createInApp();
    await cliAdds(app.services.vault.path, 'From the CLI');
    await expect(app.services.credentials.createService({ name: 'Mine' })).rejects.toMatchObject({
      code: 'ERR_VAULT_CHANGED_ON_DISK',
    });
    told();
    await settle();
    expect(reloads()).toBe(0);
    expect(app.services.vault.status()).toMatchObject({ unsaved: true, saveError: 'ERR_VAULT_CHANGED_ON_DISK' });
    await app.services.vault.resolveSaveFailure('discard');
  });
});
