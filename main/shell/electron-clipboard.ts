import { clipboard } from 'electron';
import { SystemClipboard } from '../core/clipboard/system-clipboard';
import type { Clipboard, ClipboardSelection } from '../core/platform';

/**
 * The system clipboard through Electron. Electron's clipboard API has no handle on the
 * X11 primary selection, which a middle-click pastes, so on Linux the primary selection
 * is written, read and cleared through xclip as well, when it is installed. Electron cannot
 * add a second format beside the text, so the macOS concealed-type and Windows
 * history-exclusion markers need native code: see docs/security.md.
 */
export class ElectronClipboard implements Clipboard {
  readonly #x11 = process.platform === 'linux' ? new SystemClipboard('linux') : null;
  readonly selections: readonly ClipboardSelection[] = this.#x11 ? ['clipboard', 'primary'] : ['clipboard'];

  async readText(selection: ClipboardSelection = 'clipboard'): Promise<string> {
    if (selection === 'primary') return this.#x11 ? this.#x11.readText('primary') : '';
    return clipboard.readText();
  }
  async writeText(text: string): Promise<void> {
    await clipboard.writeText(text);
    await this.#primary(text);
  }
  async clear(selection?: ClipboardSelection): Promise<void> {
    if (selection !== 'primary') clipboard.clear();
    if (selection !== 'clipboard') await this.#primary('');
  }
  /** Without xclip (or a display) there is no primary selection to keep in step: the clipboard alone counts. */
  async #primary(text: string): Promise<void> {
    await this.#x11?.writeSelection('primary', text).catch(() => undefined);
  }
}
