/**
 * The recovery kit's Copy goes through the clipboard guard like every other secret copy:
 * cleared after the set time from the clipboard and the primary selection, only while they
 * still hold the kit; main copies the kit it made, and keeps it only until it is saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { MemorySettings } from '../../../main/core/settings/json-file-settings';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

const PASSWORD = 'correct horse battery staple';

let dir: string;
let app: Composed;
let clipboard: MemoryClipboard;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-kit-copy-'));
  clipboard = new MemoryClipboard({ primary: true });
  const settings = new MemorySettings();
  settings.update({ clipboardClearSeconds: 20 });
  app = composeForTest({ dataDir: dir, settings, clipboard });
});

afterEach(async () => {
  vi.useRealTimers();
  await app.services.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const copyKit = () => app.dispatch('vault.copyRecoveryKit', {}, { transport: 'browser-host' });

it('copies the kit main made, clears it from both selections after the set time, and not what the user copied since', async () => {
  const { recoveryKit } = await app.services.vault.create({
    password: PASSWORD,
    mode: 'hardened',
    quickUnlock: false,
    iterations: 100_000,
  });
  expect(recoveryKit).toMatch(/LATCH-RK1-/);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

  expect(await copyKit()).toEqual({ ok: true, value: { clearsInSeconds: 20 } });
  expect(await clipboard.readText('clipboard')).toBe(recoveryKit);
  expect(await clipboard.readText('primary')).toBe(recoveryKit);
  await vi.advanceTimersByTimeAsync(19_000);
  expect(await clipboard.readText('clipboard')).toBe(recoveryKit);
  await vi.advanceTimersByTimeAsync(1_000);
  await vi.waitFor(async () => expect(await clipboard.readText('clipboard')).toBe(''));
  expect(await clipboard.readText('primary')).toBe('');

  // Copied again, then the user copies something else: that stays.
  await copyKit();
  clipboard.put('clipboard', 'the user copied this');
  await vi.advanceTimersByTimeAsync(20_000);
  await vi.waitFor(async () => expect(await clipboard.readText('primary')).toBe(''));
  expect(await clipboard.readText('clipboard')).toBe('the user copied this');

  // Saved: main drops it, and Copy has nothing to copy any more.
  await app.dispatch('vault.forgetRecoveryKit', {}, { transport: 'browser-host' });
  const after = await copyKit();
  expect(after.ok ? 'copied' : after.error.code).toBe('ERR_NOT_FOUND');
});

it('drops the kit on lock, and takes the copied kit off the clipboard with it', async () => {
  await app.services.vault.create({ password: PASSWORD, mode: 'hardened', quickUnlock: false, iterations: 100_000 });
  await copyKit();
  expect(await clipboard.readText('clipboard')).toMatch(/LATCH-RK1-/);
  await app.services.vault.lock(false);
  await vi.waitFor(async () => expect(await clipboard.readText('clipboard')).toBe(''));
  const after = await copyKit();
  expect(after.ok ? 'copied' : after.error.code).toBe('ERR_NOT_FOUND');
});

it('a vault in password mode has no kit to copy', async () => {
  await app.services.vault.create({ password: PASSWORD, mode: 'password', quickUnlock: false, iterations: 100_000 });
  const answer = await copyKit();
  expect(answer.ok ? 'copied' : answer.error.code).toBe('ERR_NOT_FOUND');
  expect(clipboard.text).toBe('');
});
