import type { Clipboard } from '../platform';
import { clearSelectionsHolding } from './clear-selections';

export interface GuardTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimer: GuardTimer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Every copy of a secret goes through here: the clipboard is cleared after the set time,
 * on lock and on quit, but only while it still holds what Latch put there, so a value
 * the user copied since is never wiped.
 */
export class ClipboardGuard {
  #pending: { text: string; handle: unknown } | null = null;
  #writing: Promise<void> | null = null;
  readonly #listeners = new Set<(e: { cleared: boolean }) => void>();

  constructor(
    private readonly clipboard: Clipboard,
    private readonly timer: GuardTimer = realTimer,
  ) {}

  /** Copies `text` (marked concealed where the platform allows) and schedules its removal. */
  async copy(text: string, clearAfterSeconds: number): Promise<void> {
    this.#cancel();
    const write = this.clipboard.writeText(text, { concealed: true });
    this.#writing = write;
    try {
      await write;
    } finally {
      if (this.#writing === write) this.#writing = null;
    }
    const handle = this.timer.setTimeout(() => void this.clearIfOurs(), clearAfterSeconds * 1000);
    this.#pending = { text, handle };
  }

  /**
   * Clears the clipboard, and the primary selection on X11, each only if it still holds the
   * last secret Latch copied. Returns whether it cleared anything. Never rejects: it runs
   * from the timer, on lock and on quit.
   */
  async clearIfOurs(): Promise<boolean> {
    // A lock or quit can come while a copy is still being written (the X primary selection
    // takes a child process, after the clipboard already shows the value): wait for it, so
    // the value it leaves is cleared rather than missed.
    await this.#writing?.catch(() => undefined);
    const pending = this.#pending;
    this.#cancel();
    if (pending === null) return false;
    const cleared = await clearSelectionsHolding(this.clipboard, (current) => current === pending.text);
    for (const l of this.#listeners) l({ cleared });
    return cleared;
  }

  /** Called after every scheduled check; returns its unsubscribe function. */
  onChecked(listener: (e: { cleared: boolean }) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get holdsSecret(): boolean {
    return this.#pending !== null || this.#writing !== null;
  }

  #cancel(): void {
    if (this.#pending) this.timer.clearTimeout(this.#pending.handle);
    this.#pending = null;
  }
}
