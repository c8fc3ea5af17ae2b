import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ElectronStandIn, type StandInOptions } from './electron-stand-in';

const KEY = Symbol.for('latch.electron-stand-in');
let hooked = false;
let run = 0;

/**
 * Starts the real built main process (out/main/index.js) in this Node process against a
 * fresh stand-in, then sends 'ready'. Each call loads a fresh copy of the bundle (a new
 * query string), so each test has its own app; packages main imports are loaded once.
 */
export async function bootMain(mainPath: string, options: StandInOptions): Promise<ElectronStandIn> {
  if (!hooked) {
    register(new URL('./hooks.mjs', import.meta.url));
    hooked = true;
  }
  const standIn = new ElectronStandIn(options);
  // Electron sets it in every process; main reads tray icons from it when packaged
  // (electron-builder.yml copies assets/tray to resources/tray).
  (process as { resourcesPath?: string }).resourcesPath = join(options.appPath, 'assets');
  (globalThis as Record<symbol, unknown>)[KEY] = standIn;
  await import(`${pathToFileURL(mainPath).href}?stand-in=${++run}`);
  standIn.app.emitReady();
  return standIn;
}
