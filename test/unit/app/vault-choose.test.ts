/**
 * "Open another vault file": only a path that holds a vault is remembered. A mistyped path
 * says ERR_VAULT_NOT_FOUND and changes nothing; creating there is an explicit choice.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySettings } from '../../../main/core/settings/json-file-settings';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

const PASSWORD = 'correct horse battery staple';
const FAST = { mode: 'password', quickUnlock: false, iterations: 100_000 } as const;

let dir: string;
let settings: MemorySettings;
let app: Composed;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-choose-'));
  settings = new MemorySettings();
  app = composeForTest({ dataDir: dir, settings });
  await app.services.vault.create({ password: PASSWORD, ...FAST });
  await app.services.vault.lock(false);
});

afterEach(async () => {
  await app.services.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('choosing another vault file', () => {
  it('refuses a path with no vault, remembers nothing and creates nothing', async () => {
    const first = app.services.vault.path;
    const typo = join(dir, 'no-such-folder', 'vualt.latch');
    await expect(app.services.vault.choose(typo)).rejects.toMatchObject({ code: 'ERR_VAULT_NOT_FOUND' });
    expect(settings.get().lastVaultPath).not.toBe(typo);
    expect(app.services.vault.path).toBe(first);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    // The current vault still opens.
    await app.services.vault.unlock({ password: PASSWORD, useQuickUnlock: false, useBackup: false });
    expect(app.services.vault.status().state).toBe('unlocked');
  });

  it('refuses a relative path (it would depend on where the app started)', async () => {
    await expect(app.services.vault.choose('vault.latch')).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });

  it('through the contract, the mistyped path is refused the same way', async () => {
    const typo = join(dir, 'elsewhere.latch');
    const answer = await app.dispatch('vault.choose', { path: typo }, { transport: 'browser-host' });
    expect(answer.ok ? null : answer.error.code).toBe('ERR_VAULT_NOT_FOUND');
    expect(settings.get().lastVaultPath).not.toBe(typo);
  });

  it('creates a vault at a new path only when asked, and remembers it once it holds one', async () => {
    const other = join(dir, 'second', 'work.latch');
    const created = await app.services.vault.create({ password: PASSWORD, ...FAST, path: other });
    expect(created.status.state).toBe('unlocked');
    expect(created.status.path).toBe(other);
    expect(settings.get().lastVaultPath).toBe(other);
    await app.services.vault.lock(false);
    // Back to the first one: it holds a vault, so it is remembered again.
    await app.services.vault.choose(join(dir, 'vault.latch'));
    expect(settings.get().lastVaultPath).toBe(join(dir, 'vault.latch'));
  });

  it('never creates over an existing vault at the chosen path', async () => {
    const first = app.services.vault.path;
    await expect(app.services.vault.create({ password: PASSWORD, ...FAST, path: first })).rejects.toMatchObject({
      code: 'ERR_VAULT_EXISTS',
    });
  });
});
