import type { Clipboard, ClipboardSelection } from '../platform';

/** A clipboard in memory, for tests; with `primary` it also models X11's primary selection. */
export class MemoryClipboard implements Clipboard {
  readonly selections: readonly ClipboardSelection[];
  readonly #held = new Map<ClipboardSelection, string>();

  constructor(options: { primary?: boolean } = {}) {
    this.selections = options.primary ? ['clipboard', 'primary'] : ['clipboard'];
  }
  /** The clipboard selection's content. */
  get text(): string {
    return this.#held.get('clipboard') ?? '';
  }
  set text(value: string) {
    this.#held.set('clipboard', value);
  }
  async readText(selection: ClipboardSelection = 'clipboard'): Promise<string> {
    return this.#held.get(selection) ?? '';
  }
  /** Sets one selection alone, as another program (or the user selecting text) would. */
  put(selection: ClipboardSelection, text: string): void {
    this.#held.set(selection, text);
  }
  async writeText(text: string): Promise<void> {
    for (const s of this.selections) this.#held.set(s, text);
  }
  async clear(selection?: ClipboardSelection): Promise<void> {
    for (const s of selection ? [selection] : this.selections) this.#held.delete(s);
  }
}
