import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileWatcher } from '../../main/app/vault/file-watcher';
import { osBrowser } from '../../main/cli/os-browser';
import { SystemClipboard } from '../../main/core/clipboard/system-clipboard';
import { NapiKeychain } from '../../main/core/keychain/napi-keychain';
import { probeOsKeychain } from '../../main/core/keychain/status';
import type { BrowserOpener } from '../../main/core/platform';
import { JsonFileSettings } from '../../main/core/settings/json-file-settings';
import { compose } from '../../main/ipc/compose';
import type { KeychainStatus } from '../../main/ipc/services';
import { ConfirmQueue } from './confirm-queue';
import { type RunningHost, startHost } from './server';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface HostAppOptions {
  dataDir: string;
  port?: number;
  token?: string;
  rendererDir?: string;
  keychainStatus?: () => Promise<KeychainStatus>;
  /** Where OAuth sign-in pages open; default the OS opener (e2e tests pass a second Playwright page). */
  browser?: BrowserOpener;
  /** How long before expiry OAuth tokens are refreshed (default: the refresh rule); tests with short-lived tokens use seconds. */
  refreshMarginMs?: number;
  /** How long a browser sign-in waits before the screen says what for. */
  signInPatienceMs?: number;
  /** What tells of the command line's writes to the unlocked vault; default the folder watch, as in the app. */
  watcher?: FileWatcher;
}

export interface HostApp extends RunningHost {
  composed: ReturnType<typeof compose>;
  /** Main's questions (a change that lowers protection) wait here for the test, or dev:web's terminal, to answer. */
  confirmations: ConfirmQueue;
}

export async function createHostApp(options: HostAppOptions): Promise<HostApp> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; productName: string };
  const confirmations = new ConfirmQueue();
  const composed = compose({
    dataDir: options.dataDir,
    runtime: {
      name: pkg.productName,
      version: pkg.version,
      platform: process.platform,
      arch: process.arch,
      runtime: `Node ${process.versions.node}`,
      transport: 'browser-host',
    },
    settings: new JsonFileSettings(join(options.dataDir, 'settings.json')),
    keychainStatus: options.keychainStatus ?? probeOsKeychain,
    keychain: new NapiKeychain(),
    // The real X clipboard (tests run one under Xvfb); without a display its channels say so, as the app's would.
    clipboard: new SystemClipboard(),
    browser: options.browser ?? osBrowser,
    confirmer: confirmations,
    ...(options.refreshMarginMs !== undefined
      ? { refreshRule: { beforeExpiryMs: options.refreshMarginMs, lifetimeFraction: 0, minAgeMs: 0 } }
      : {}),
    ...(options.signInPatienceMs !== undefined ? { signInPatienceMs: options.signInPatienceMs } : {}),
    ...(options.watcher ? { watcher: options.watcher } : {}),
    onInternalError: (channel, e) =>
      console.error(`host: internal error in ${channel}:`, e instanceof Error ? e.name : typeof e),
  });
  const host = await startHost({
    rendererDir: options.rendererDir ?? join(root, 'out/renderer'),
    dispatch: composed.dispatch,
    events: composed.events,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  return { ...host, composed, confirmations };
}
