/**
 * A change that lowers protection is applied only when the user says yes to main's own question.
 * The gesture behind settings.weaken proves only that someone pressed something: a script that waits
 * for the user's next key press (typing in the search box) could spend it on turning the auto-lock off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Confirmation } from '../../../main/app/confirmation';
import { weakeningQuestion } from '../../../main/app/vault/weakening-question';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { isLatchError } from '../../../main/core/model/errors';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../main/core/model/settings';
import { answering } from '../../support/answering-confirmer';
import { appForTest, createTestVault } from '../../support/app-for-test';
import { composeForTest } from '../../support/compose-for-test';

const from = (patch: SettingsPatch = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'applied',
    (e: unknown) => (isLatchError(e) ? e.code : String(e)),
  );
}

describe("main's question, written from the change", () => {
  it.each<[string, SettingsPatch, SettingsPatch, Pick<Confirmation, 'title' | 'confirmLabel'>]>([
    [
      'auto-lock off',
      { autoLockMinutes: 10 },
      { autoLockMinutes: 0 },
      { title: 'Turn the auto-lock off?', confirmLabel: 'Turn auto-lock off' },
    ],
    [
      'auto-lock longer',
      { autoLockMinutes: 10 },
      { autoLockMinutes: 60 },
      { title: 'Lock the vault after 60 minutes idle instead of 10 minutes?', confirmLabel: 'Lock after 60 minutes' },
    ],
    [
      'the clipboard kept longer',
      { clipboardClearSeconds: 30 },
      { clipboardClearSeconds: 600 },
      {
        title: 'Keep copied secrets on the clipboard for 10 minutes instead of 30 seconds?',
        confirmLabel: 'Keep for 10 minutes',
      },
    ],
    [
      'close to the tray',
      { closeToTray: false },
      { closeToTray: true },
      { title: 'Keep Latch running in the tray when its window is closed?', confirmLabel: 'Keep in the tray' },
    ],
    [
      'backups off',
      { automaticBackups: true },
      { automaticBackups: false },
      { title: 'Turn automatic backups off?', confirmLabel: 'Turn backups off' },
    ],
    [
      'fewer backups',
      { backupsToKeep: 10 },
      { backupsToKeep: 1 },
      { title: 'Keep 1 automatic backup instead of 10?', confirmLabel: 'Keep 1' },
    ],
    [
      'another shortcut',
      { quickAccessShortcut: 'CommandOrControl+Shift+L' },
      { quickAccessShortcut: 'Alt+Shift+K' },
      {
        title: 'Open quick access with Alt+Shift+K instead of CommandOrControl+Shift+L?',
        confirmLabel: 'Change the shortcut',
      },
    ],
  ])('%s', (_, current, patch, expected) => {
    expect(weakeningQuestion(from(current), patch)).toMatchObject(expected);
  });

  it('names every lowered setting when one change carries several, and nothing that does not lower', () => {
    const q = weakeningQuestion(from(), {
      theme: 'dark',
      autoLockMinutes: 0,
      closeToTray: true,
      clipboardClearSeconds: 5,
    });
    expect(q?.title).toBe("Lower the vault's protection in 2 ways?");
    expect(q?.detail).toContain('Turn the auto-lock off?');
    expect(q?.detail).toContain('Keep Latch running in the tray');
    expect(q?.detail).not.toMatch(/clipboard for|theme/i);
  });

  it('asks nothing for a change that keeps or raises protection', () => {
    expect(weakeningQuestion(from(), { theme: 'dark', autoLockMinutes: 5, clipboardClearSeconds: 5 })).toBeNull();
  });
});

describe('settings.weaken asks the user first', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latch-confirm-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refused: nothing changes, no event, and the caller hears ERR_CANCELLED', async () => {
    const confirmer = answering(false);
    const app = appForTest(dir, { confirmer });
    const before = app.settings.get();
    const seen: string[] = [];
    app.events.subscribe((name) => seen.push(name));
    expect(await codeOf(app.vault.weakenSettings({ autoLockMinutes: 0, closeToTray: true }))).toBe('ERR_CANCELLED');
    expect(confirmer.asked).toHaveLength(1);
    expect(app.settings.get()).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('confirmed: exactly the change the question named is applied', async () => {
    const confirmer = answering(true);
    const app = appForTest(dir, { confirmer });
    const before = app.settings.get();
    const after = await app.vault.weakenSettings({ clipboardClearSeconds: 600 });
    expect(confirmer.asked).toEqual([
      expect.objectContaining({ title: 'Keep copied secrets on the clipboard for 10 minutes instead of 30 seconds?' }),
    ]);
    expect(after).toEqual({ ...before, clipboardClearSeconds: 600 });
    expect(app.settings.get()).toEqual(after);
  });

  it('a change that lowers nothing is applied without a question', async () => {
    const confirmer = answering(false);
    const app = appForTest(dir, { confirmer });
    expect((await app.vault.weakenSettings({ theme: 'dark', autoLockMinutes: 3 })).autoLockMinutes).toBe(3);
    expect(confirmer.asked).toEqual([]);
  });

  it('one question at a time: a second change while the user answers is refused, not stacked', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const app = appForTest(dir, { confirmer: { confirm: () => new Promise((resolve) => (answer = resolve)) } });
    const first = app.vault.weakenSettings({ autoLockMinutes: 0 });
    expect(await codeOf(app.vault.weakenSettings({ closeToTray: true }))).toBe('ERR_CONFLICT');
    answer(true);
    expect((await first).autoLockMinutes).toBe(0);
    expect(app.settings.get().closeToTray).toBe(false);
  });

  it('settings moved while the question was open: the answer does not cover the change any more', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const app = appForTest(dir, { confirmer: { confirm: () => new Promise((resolve) => (answer = resolve)) } });
    const asked = codeOf(app.vault.weakenSettings({ autoLockMinutes: 30 }));
    // Asked "30 instead of 10"; meanwhile auto-lock became 1 minute.
    app.vault.updateSettings({ autoLockMinutes: 1 });
    answer(true);
    expect(await asked).toBe('ERR_CONFLICT');
    expect(app.settings.get().autoLockMinutes).toBe(1);
  });

  it('through the contract: the cancel reaches the renderer as ERR_CANCELLED, with the settings unchanged', async () => {
    const { dispatch, services } = composeForTest();
    const before = services.settings.get();
    expect(await dispatch('settings.weaken', { autoLockMinutes: 0 }, { transport: 'electron-ipc' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_CANCELLED' },
    });
    expect(services.settings.get()).toEqual(before);
  });
});

describe('quick unlock on asks the user first', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latch-confirm-qu-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a no leaves it off, with no device key in the keychain; a yes arms it; turning it off asks nothing', async () => {
    const keychain = new MemoryKeychain();
    let yes = false;
    const asked: string[] = [];
    const app = appForTest(dir, {
      keychain,
      confirmer: {
        confirm: async (q) => {
          asked.push(q.title);
          return yes;
        },
      },
    });
    await createTestVault(app);
    expect(await codeOf(app.vault.setQuickUnlock(true))).toBe('ERR_CANCELLED');
    expect(asked).toEqual(['Turn quick unlock on?']);
    expect(app.vault.status().quickUnlock).toBe('off');
    expect(keychain.secrets.size).toBe(0);
    yes = true;
    expect((await app.vault.setQuickUnlock(true)).quickUnlock).toBe('armed');
    expect((await app.vault.setQuickUnlock(false)).quickUnlock).toBe('off');
    expect(asked).toHaveLength(2);
  });
});
