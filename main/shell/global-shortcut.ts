import { globalShortcut } from 'electron';
import type { QuickAccess } from '../app/quick/quick-access';
import { shortcutFallbacks } from '../security/shortcut-fallbacks';
import type { DesktopNotifier } from './notifier';

/**
 * The global quick-access shortcut. The OS may refuse it (another app holds it, or the
 * desktop reserves it): then the user is told, and Settings offers fallbacks through the
 * quick.shortcutChanged event.
 */
export class QuickAccessShortcut {
  #current: string | null = null;

  constructor(
    private readonly quick: QuickAccess,
    private readonly notifier: DesktopNotifier,
    private readonly onPress: () => void,
  ) {}

  /** Registers `accelerator` in place of the previous one; returns whether the OS took it. */
  apply(accelerator: string): boolean {
    if (accelerator === this.#current && this.quick.shortcut.state === 'registered') return true;
    if (this.#current !== null) globalShortcut.unregister(this.#current);
    this.#current = null;
    let ok = false;
    try {
      ok = globalShortcut.register(accelerator, this.onPress);
    } catch {
      ok = false; // a malformed accelerator throws rather than returning false
    }
    if (ok) this.#current = accelerator;
    this.quick.setShortcut({
      accelerator,
      state: ok ? 'registered' : 'refused',
      fallbacks: ok ? [] : shortcutFallbacks(process.platform, accelerator),
    });
    if (!ok) this.notifier.show({ type: 'shortcut-refused', accelerator });
    return ok;
  }

  dispose(): void {
    if (this.#current !== null) globalShortcut.unregister(this.#current);
    this.#current = null;
  }
}
