import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { StartFacts } from './plan';

const require = createRequire(import.meta.url);

/** node_modules/electron, found the way Node finds it. */
export function electronPackageDir(): string {
  return dirname(require.resolve('electron/package.json'));
}

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(electronPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The executable Electron's installer left for this version, or null (the same checks as its isInstalled()). */
export function installedExecutable(): string | null {
  const dir = electronPackageDir();
  try {
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8');
    const version = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .replace(/^v/, '')
      .trim();
    const full = join(dir, 'dist', relative);
    return version === electronVersion() && existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

export function gatherFacts(env: NodeJS.ProcessEnv = process.env): StartFacts {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH || undefined;
  const overrideExe = override ? join(override, executableName()) : null;
  return {
    nodeVersion: process.versions.node,
    electronVersion: electronVersion(),
    overrideDistPath: override,
    overrideExecutable: overrideExe !== null && existsSync(overrideExe) ? overrideExe : null,
    installedExecutable: installedExecutable(),
  };
}
