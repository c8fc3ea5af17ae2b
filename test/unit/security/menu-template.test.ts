import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from '../../../main/security/menu-template';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}
const commands = () => ({
  lockNow: vi.fn(),
  openQuickAccess: vi.fn(),
  openSettings: vi.fn(),
  openAbout: vi.fn(),
  openDocs: vi.fn(),
});

describe('applicationMenuTemplate', () => {
  it('puts the app menu first on macOS, and About under Help elsewhere', () => {
    const mac = applicationMenuTemplate({
      platform: 'darwin',
      isPackaged: true,
      appName: 'Latch',
      locked: false,
      commands: commands(),
    });
    expect(mac[0]?.label).toBe('Latch');
    const linux = applicationMenuTemplate({
      platform: 'linux',
      isPackaged: true,
      appName: 'Latch',
      locked: false,
      commands: commands(),
    });
    expect(linux[0]?.label).toBe('Vault');
    const help = linux.find((m) => m.role === 'help');
    expect(flatten([help!]).some((i) => i.label === 'About Latch')).toBe(true);
  });

  it('has no reload or DevTools in packaged builds', () => {
    const packaged = flatten(
      applicationMenuTemplate({
        platform: 'linux',
        isPackaged: true,
        appName: 'Latch',
        locked: false,
        commands: commands(),
      }),
    );
    expect(packaged.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    const dev = flatten(
      applicationMenuTemplate({
        platform: 'linux',
        isPackaged: false,
        appName: 'Latch',
        locked: false,
        commands: commands(),
      }),
    );
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('wires Lock Now to the command, disabled while locked', () => {
    const c = commands();
    const items = flatten(
      applicationMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Latch', locked: false, commands: c }),
    );
    const lock = items.find((i) => i.label === 'Lock Now');
    expect(lock?.enabled).toBe(true);
    expect(lock?.accelerator).toBe('CommandOrControl+Shift+K');
    (lock!.click as () => void)();
    expect(c.lockNow).toHaveBeenCalledOnce();
    const locked = flatten(
      applicationMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Latch', locked: true, commands: c }),
    );
    expect(locked.find((i) => i.label === 'Lock Now')?.enabled).toBe(false);
  });
});
