import { describe, expect, it } from 'vitest';
import { defaultVaultPath } from '../../../main/core/vault';

describe('defaultVaultPath', () => {
  it('follows each OS convention for app data', () => {
    expect(defaultVaultPath({ platform: 'linux', env: {}, homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Latch/vault.latch',
    );
    expect(defaultVaultPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, homedir: '/home/ada' })).toBe(
      '/x/cfg/Latch/vault.latch',
    );
    expect(defaultVaultPath({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Latch/vault.latch',
    );
    expect(defaultVaultPath({ platform: 'darwin', env: {}, homedir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Latch/vault.latch',
    );
    expect(
      defaultVaultPath({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        homedir: 'C:\\Users\\ada',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Latch\\vault.latch');
    expect(defaultVaultPath({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Latch\\vault.latch',
    );
  });
});
