/**
 * Settings a script may change alone and those only the user may: a change that lowers the
 * vault's protection goes through settings.weaken (a gesture channel); settings.update refuses it
 * in main, whatever the page's client did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { isLatchError } from '../../../main/core/model/errors';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../main/core/model/settings';
import { weakenedSettings } from '../../../main/core/model/settings-weakening';
import { answering } from '../../support/answering-confirmer';
import { appForTest } from '../../support/app-for-test';
import { composeForTest } from '../../support/compose-for-test';

const from = (patch: SettingsPatch): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('which changes lower protection', () => {
  it.each<[string, SettingsPatch, SettingsPatch, (keyof Settings)[]]>([
    ['auto-lock off', { autoLockMinutes: 10 }, { autoLockMinutes: 0 }, ['autoLockMinutes']],
    ['auto-lock longer', { autoLockMinutes: 10 }, { autoLockMinutes: 10.5 }, ['autoLockMinutes']],
    ['auto-lock shorter', { autoLockMinutes: 10 }, { autoLockMinutes: 0.05 }, []],
    ['auto-lock on again, any time', { autoLockMinutes: 0 }, { autoLockMinutes: 1440 }, []],
    ['auto-lock the same', { autoLockMinutes: 10 }, { autoLockMinutes: 10 }, []],
    ['clipboard kept longer', { clipboardClearSeconds: 30 }, { clipboardClearSeconds: 31 }, ['clipboardClearSeconds']],
    ['clipboard cleared sooner', { clipboardClearSeconds: 30 }, { clipboardClearSeconds: 2 }, []],
    ['close to the tray on', { closeToTray: false }, { closeToTray: true }, ['closeToTray']],
    ['close to the tray off', { closeToTray: true }, { closeToTray: false }, []],
    ['automatic backups off', { automaticBackups: true }, { automaticBackups: false }, ['automaticBackups']],
    ['automatic backups on', { automaticBackups: false }, { automaticBackups: true }, []],
    ['fewer backups kept', { backupsToKeep: 5 }, { backupsToKeep: 1 }, ['backupsToKeep']],
    ['more backups kept', { backupsToKeep: 5 }, { backupsToKeep: 6 }, []],
    [
      'another shortcut',
      { quickAccessShortcut: 'CommandOrControl+Shift+L' },
      { quickAccessShortcut: 'Control+Shift+V' },
      ['quickAccessShortcut'],
    ],
    ['the vault file the next start opens', { lastVaultPath: '' }, { lastVaultPath: '/x/v.latch' }, ['lastVaultPath']],
    [
      'neutral ones',
      { theme: 'system', startAtLogin: false, startHidden: false, notifyClipboardCleared: false },
      { theme: 'dark', startAtLogin: true, startHidden: true, notifyClipboardCleared: true },
      [],
    ],
    [
      'a mixed change names each lowered field',
      { autoLockMinutes: 10, clipboardClearSeconds: 30 },
      { theme: 'dark', autoLockMinutes: 0, clipboardClearSeconds: 3600 },
      ['autoLockMinutes', 'clipboardClearSeconds'],
    ],
  ])('%s', (_, current, patch, weaker) => {
    expect(weakenedSettings(from(current), patch)).toEqual(weaker);
  });
});

describe('VaultService settings', () => {
  let dir: string;
  let app: AppServices;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latch-settings-'));
    app = appForTest(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('updateSettings refuses a change that lowers protection, whole, and saves nothing of it', () => {
    const before = app.settings.get();
    const seen: unknown[] = [];
    app.events.subscribe((name) => seen.push(name));
    for (const patch of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 60 },
      { clipboardClearSeconds: 3600 },
      { closeToTray: true },
      { automaticBackups: false },
      { backupsToKeep: 1 },
      { quickAccessShortcut: 'Control+Shift+V' },
      { theme: 'dark' as const, autoLockMinutes: 0 },
    ]) {
      let caught: unknown;
      try {
        app.vault.updateSettings(patch);
      } catch (e) {
        caught = e;
      }
      expect(isLatchError(caught) && caught.code, JSON.stringify(patch)).toBe('ERR_FORBIDDEN_SENDER');
    }
    expect(app.settings.get()).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('updateSettings makes a change that keeps or raises protection; weakenSettings makes any the user confirms', async () => {
    app = appForTest(dir, { confirmer: answering(true) });
    expect(app.vault.updateSettings({ theme: 'dark', autoLockMinutes: 5, clipboardClearSeconds: 10 })).toMatchObject({
      theme: 'dark',
      autoLockMinutes: 5,
      clipboardClearSeconds: 10,
    });
    expect(await app.vault.weakenSettings({ autoLockMinutes: 0, closeToTray: true })).toMatchObject({
      autoLockMinutes: 0,
      closeToTray: true,
    });
    // From off, any auto-lock is stronger: a script may turn it back on.
    expect(app.vault.updateSettings({ autoLockMinutes: 1440 }).autoLockMinutes).toBe(1440);
    expect(app.settings.get()).toMatchObject({ theme: 'dark', autoLockMinutes: 1440, closeToTray: true });
  });
});

describe('settings through the contract', () => {
  it('a change touches only the fields it names: the others keep what was set (no defaults filled in)', async () => {
    const { dispatch, services } = composeForTest({ confirmer: answering(true) });
    const call = (channel: 'settings.update' | 'settings.weaken', input: unknown) =>
      dispatch(channel, input, { transport: 'browser-host' });
    expect(await call('settings.update', { clipboardClearSeconds: 5, autoLockMinutes: 3 })).toMatchObject({ ok: true });
    expect(await call('settings.weaken', { closeToTray: true })).toMatchObject({ ok: true });
    // Had the theme's change carried the defaults, it would also lower auto-lock back to 10 and be refused.
    expect(await call('settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(services.settings.get()).toMatchObject({
      theme: 'dark',
      clipboardClearSeconds: 5,
      autoLockMinutes: 3,
      closeToTray: true,
    });
  });
  // Electron's IPC (a structured clone) keeps a key whose value is undefined, and the settings were merged
  // with a spread, so such a key put the field's default back: a script with no click reset a 1-minute
  // auto-lock to 10, 100 backups kept to 5 (the next backup prunes the rest) and the shortcut.
  it('a field sent as undefined is no change: it does not put the default back, on either channel', async () => {
    const { dispatch, services } = composeForTest({ confirmer: answering(true) });
    const call = (channel: 'settings.update' | 'settings.weaken', input: unknown) =>
      dispatch(channel, input, { transport: 'electron-ipc' });
    expect(
      await call('settings.weaken', { autoLockMinutes: 1, backupsToKeep: 100, quickAccessShortcut: 'Alt+Shift+K' }),
    ).toMatchObject({ ok: true });
    const before = services.settings.get();
    const unset = { autoLockMinutes: undefined, backupsToKeep: undefined, quickAccessShortcut: undefined };
    for (const channel of ['settings.update', 'settings.weaken'] as const) {
      await call(channel, unset);
      expect(services.settings.get(), channel).toEqual(before);
    }
    expect(before).toMatchObject({ autoLockMinutes: 1, backupsToKeep: 100, quickAccessShortcut: 'Alt+Shift+K' });
  });
});
