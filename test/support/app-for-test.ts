/**
 * The application's services over a vault in `dir`, with in-memory platform pieces and no
 * transport: for tests of the use cases themselves (test/unit/app and the integration tests).
 */
import { join } from 'node:path';
import { type AppServices, type AppServicesInput, createAppServices } from '../../main/app/app-services';
import { MemoryClipboard } from '../../main/core/clipboard/memory-clipboard';
import { folderSaveDialog } from '../../main/core/io/folder-save-dialog';
import { MemoryKeychain } from '../../main/core/keychain/memory-keychain';
import { LatchError } from '../../main/core/model/errors';
import { systemClock } from '../../main/core/platform';
import { MemorySettings } from '../../main/core/settings/json-file-settings';
import { answering } from './answering-confirmer';

export function appForTest(dir: string, overrides: Partial<AppServicesInput> = {}): AppServices {
  return createAppServices({
    vaultPath: () => join(dir, 'vault.latch'),
    settings: new MemorySettings(),
    keychain: new MemoryKeychain(),
    clipboard: new MemoryClipboard(),
    clock: systemClock,
    browser: {
      open: async () => {
        throw new LatchError('ERR_BAD_INPUT', 'No browser in this test.');
      },
    },
    saveDialog: folderSaveDialog(join(dir, 'exports')),
    notice: () => undefined,
    // Nobody to ask: a change that lowers protection is refused unless a test answers yes.
    confirmer: answering(false),
    ...overrides,
  });
}

export const TEST_PASSWORD = 'a long enough test password';

/** Creates the vault with few iterations (fast) and leaves it unlocked. */
export async function createTestVault(app: AppServices): Promise<void> {
  await app.vault.create({
    password: TEST_PASSWORD,
    mode: 'password',
    quickUnlock: false,
    iterations: 100_000,
  });
}
