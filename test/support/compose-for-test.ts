/**
 * The app's composition root with in-memory platform pieces, for tests that drive the
 * real handlers through the dispatcher (or the typed client) without a browser.
 */
import { noWatching } from '../../main/app/vault/file-watcher';
import { MemoryClipboard } from '../../main/core/clipboard/memory-clipboard';
import { MemoryKeychain } from '../../main/core/keychain/memory-keychain';
import { MemorySettings } from '../../main/core/settings/json-file-settings';
import { type Composed, type ComposeInput, compose } from '../../main/ipc/compose';
import { createClient, type LatchApi } from '../../preload/api';
import { answering } from './answering-confirmer';

export function composeForTest(overrides: Partial<ComposeInput> = {}): Composed {
  return compose({
    dataDir: '/tmp/latch-unit',
    runtime: {
      name: 'Latch',
      version: '9.9.9',
      platform: 'linux',
      arch: 'x64',
      runtime: 'Node',
      transport: 'browser-host',
    },
    settings: new MemorySettings(),
    keychainStatus: async () => ({ reachable: false, backend: 'none', detail: 'test' }),
    keychain: new MemoryKeychain(),
    clipboard: new MemoryClipboard(),
    // Nobody to ask: a change that lowers protection is refused unless a test answers yes.
    confirmer: answering(false),
    // In-memory pieces: the file is not watched unless a test passes a watcher (vault-watch.test.ts).
    watcher: noWatching,
    ...overrides,
  });
}

/** The typed client over a composed app, as the renderer would have it. */
export function clientFor({ dispatch, events }: Pick<Composed, 'dispatch' | 'events'>): LatchApi {
  return createClient({
    invoke: (channel, input) => dispatch(channel, input, { transport: 'browser-host' }),
    subscribe: (event, listener) => events.subscribe((name, payload) => name === event && listener(payload)),
  });
}
