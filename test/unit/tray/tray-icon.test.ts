import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../../main/security/notifications';
import { shortcutFallbacks } from '../../../main/security/shortcut-fallbacks';
import { allTrayIconFiles, trayIconFile } from '../../../main/security/tray-icon';

const assets = join(import.meta.dirname, '../../../assets');

describe('trayIconFile', () => {
  it('uses template images on macOS, whatever the theme', () => {
    expect(trayIconFile({ platform: 'darwin', theme: 'dark', locked: false })).toBe('tray/trayTemplate.png');
    expect(trayIconFile({ platform: 'darwin', theme: 'light', locked: true })).toBe('tray/trayLockedTemplate.png');
  });
  it('elsewhere picks the variant drawn for the panel theme and the lock state', () => {
    expect(trayIconFile({ platform: 'linux', theme: 'light', locked: false })).toBe('tray/tray-light.png');
    expect(trayIconFile({ platform: 'win32', theme: 'dark', locked: false })).toBe('tray/tray-dark.png');
    expect(trayIconFile({ platform: 'linux', theme: 'dark', locked: true })).toBe('tray/tray-locked-dark.png');
  });
  it('every file it can name is committed, with its @2x twice as large', () => {
    for (const f of allTrayIconFiles()) expect(existsSync(join(assets, f)), f).toBe(true);
    for (const f of allTrayIconFiles().filter((x) => !x.includes('@2x'))) {
      const one = PNG.sync.read(readFileSync(join(assets, f)));
      const two = PNG.sync.read(readFileSync(join(assets, f.replace('.png', '@2x.png'))));
      expect(two.width).toBe(one.width * 2);
    }
  });
  it('macOS template images are black plus alpha only', () => {
    const png = PNG.sync.read(readFileSync(join(assets, 'tray/trayTemplate@2x.png')));
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 0) continue;
      opaque++;
      expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([0, 0, 0]);
    }
    expect(opaque).toBeGreaterThan(50);
  });
  it('the app icon is 512x512', () => {
    const png = PNG.sync.read(readFileSync(join(assets, 'icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
  });
});

describe('shortcutFallbacks', () => {
  it('offers platform-appropriate accelerators, without the refused one', () => {
    expect(shortcutFallbacks('darwin')[0]).toMatch(/^Command\+/);
    expect(shortcutFallbacks('linux').every((s) => !s.includes('Super'))).toBe(true);
    const refusedDefault = shortcutFallbacks('linux', 'CommandOrControl+Shift+L');
    expect(refusedDefault).not.toContain('Control+Shift+L');
    expect(refusedDefault.length).toBeGreaterThanOrEqual(3);
    expect(shortcutFallbacks('darwin', 'CommandOrControl+Shift+L')).not.toContain('Command+Shift+L');
    expect(new Set(shortcutFallbacks('win32')).size).toBe(shortcutFallbacks('win32').length);
  });
});

describe('notificationFor', () => {
  it('clipboard cleared only when the setting is on and it really cleared', () => {
    expect(notificationFor({ type: 'clipboard-cleared', cleared: true }, { notifyClipboardCleared: false })).toBeNull();
    expect(notificationFor({ type: 'clipboard-cleared', cleared: false }, { notifyClipboardCleared: true })).toBeNull();
    expect(notificationFor({ type: 'clipboard-cleared', cleared: true }, { notifyClipboardCleared: true })?.title).toBe(
      'Clipboard cleared',
    );
  });
  it('token warnings name the credential and the time left, never a value', () => {
    const n = notificationFor(
      { type: 'token-will-expire', service: 'GitHub', credential: 'app', expiresAt: 10 * 60_000, now: 0 },
      { notifyClipboardCleared: false },
    );
    expect(n?.body).toContain('GitHub / app');
    expect(n?.body).toContain('10 minutes');
    const failed = notificationFor(
      { type: 'refresh-failed', service: 'S', credential: 'C', loginRequired: true },
      { notifyClipboardCleared: false },
    );
    expect(failed?.title).toBe('Sign in again');
  });
});
