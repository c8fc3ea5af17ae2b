import { clipboard } from 'electron';
import { SystemClipboard } from '../core/clipboard/system-clipboard';
import type { Clipboard } from '../core/platform';

/**
 * The system clipboard through Electron. Electron's clipboard API has no handle on the
 * X11 primary selection, which a middle-click pastes, so on Linux the primary selection
 * is written and cleared through xclip as well, when it is installed. Electron cannot add
 * a second format beside the text, so the macOS concealed-type and Windows
 * history-exclusion markers need native code: see docs/security.md.
 */
export class ElectronClipboard implements Clipboard {
  readonly #primary = process.platform === 'linux' ? new SystemClipboard('linux') : null;

  async readText(): Promise<string> {
    return clipboard.readText();
  }
  async writeText(text: string): Promise<void> {
    await clipboard.writeText(text);
    await this.#primary?.writePrimary(text).catch(() => undefined);
  }
  async clear(): Promise<void> {
    clipboard.clear();
    await this.#primary?.writePrimary('').catch(() => undefined);
  }
}
