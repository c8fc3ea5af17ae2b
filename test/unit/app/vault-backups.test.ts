/**
 * vault.backups: the settings page lists the automatic backups. Only our own regular files count;
 * a look-alike symlink, FIFO or folder in the backups folder is neither listed nor opened.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { appForTest, createTestVault } from '../../support/app-for-test';

let dir: string;
let app: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-backups-'));
  // The automatic backup job stays off: this test writes the folder itself.
  app = appForTest(dir);
  app.settings.update({ automaticBackups: false });
  await createTestVault(app);
});

afterAll(async () => {
  await app.vault.lock(false);
  rmSync(dir, { recursive: true, force: true });
});

describe('the automatic backups list', () => {
  it('is empty (not an error) before the first backup', async () => {
    expect(await app.vault.backups()).toEqual({ folder: join(dir, 'backups'), backups: [] });
  });

  it('lists our backups newest first with their dates and sizes, and nothing else', async () => {
    const folder = join(dir, 'backups');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'vault-20261129-080000.latch'), Buffer.alloc(10));
    writeFileSync(join(folder, 'vault-20261201-143005.latch'), Buffer.alloc(25));
    writeFileSync(join(folder, 'notes.txt'), 'not a backup');
    writeFileSync(join(folder, 'vault-20261399-000000.latch'), 'not a real date');
    symlinkSync('/etc/passwd', join(folder, 'vault-20261130-000000.latch'));
    execFileSync('mkfifo', [join(folder, 'vault-20261128-000000.latch')]);
    mkdirSync(join(folder, 'vault-20261127-000000.latch'));

    const { backups } = await app.vault.backups();
    expect(backups).toEqual([
      { name: 'vault-20261201-143005.latch', createdAt: Date.UTC(2026, 11, 1, 14, 30, 5), bytes: 25 },
      { name: 'vault-20261129-080000.latch', createdAt: Date.UTC(2026, 10, 29, 8, 0, 0), bytes: 10 },
    ]);
  });
});
