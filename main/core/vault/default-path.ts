import { posix, win32 } from 'node:path';

export interface DefaultPathInput {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

export const VAULT_FILE_NAME = 'vault.latch';
/** The folder name Electron's app.getPath('userData') uses for productName "Latch". */
export const APP_FOLDER = 'Latch';

/**
 * Where the vault lives when nobody says otherwise: the OS app-data folder. Pure (inputs in,
 * path out) so the Electron shell, the command line and tests agree on it.
 *   Linux & others: $XDG_CONFIG_HOME/Latch/vault.latch, else ~/.config/Latch/vault.latch
 *   macOS: ~/Library/Application Support/Latch/vault.latch
 *   Windows: %APPDATA%\Latch\vault.latch, else <home>\AppData\Roaming\Latch\vault.latch
 */
export function defaultVaultPath({ platform, env, homedir }: DefaultPathInput): string {
  if (platform === 'win32') {
    const appData =
      env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : win32.join(homedir, 'AppData', 'Roaming');
    return win32.join(appData, APP_FOLDER, VAULT_FILE_NAME);
  }
  if (platform === 'darwin') {
    return posix.join(homedir, 'Library', 'Application Support', APP_FOLDER, VAULT_FILE_NAME);
  }
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg =
    env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : posix.join(homedir, '.config');
  return posix.join(xdg, APP_FOLDER, VAULT_FILE_NAME);
}
