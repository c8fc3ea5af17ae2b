import { MemoryClipboard } from '../../../main/core/clipboard/system-clipboard';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { MemorySettings } from '../../../main/core/settings/json-file-settings';
import { compose } from '../../../main/ipc/compose';

export function composeForTest() {
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
  });
}
