/**
 * What quick access (the tray and the palette) keeps in main: the most recently copied
 * credentials (ids only, in memory, gone on restart) and the global shortcut's fate.
 * The shell listens for close/open requests to hide the palette or show the main window.
 */
import type { AppRoute } from '../../core/model/app-route';
import type { AppEvents } from '../events';

/** Whether the OS took the global quick-access shortcut, and what to try instead if not. */
export interface ShortcutStatus {
  accelerator: string;
  /** unsupported: no global shortcuts here (the browser host, the command line). */
  state: 'registered' | 'refused' | 'unsupported';
  fallbacks: string[];
}

export interface RecentCopy {
  serviceId: string;
  credentialId: string;
}

const MAX_RECENT = 10;

export class QuickAccess {
  #recent: RecentCopy[] = [];
  #shortcut: ShortcutStatus = { accelerator: '', state: 'unsupported', fallbacks: [] };
  readonly #changed = new Set<() => void>();
  readonly #close = new Set<() => void>();
  readonly #open = new Set<(route: AppRoute) => void>();

  constructor(private readonly events: AppEvents) {}

  get recent(): readonly RecentCopy[] {
    return this.#recent;
  }

  noteCopied(serviceId: string, credentialId: string): void {
    this.#recent = [
      { serviceId, credentialId },
      ...this.#recent.filter((r) => r.serviceId !== serviceId || r.credentialId !== credentialId),
    ].slice(0, MAX_RECENT);
    this.#notify(this.#changed);
  }

  forget(): void {
    this.#recent = [];
    this.#notify(this.#changed);
  }

  get shortcut(): ShortcutStatus {
    return this.#shortcut;
  }

  setShortcut(status: ShortcutStatus): void {
    this.#shortcut = status;
    this.events.emit('quick.shortcutChanged', status);
  }

  /** Recent copies changed (the tray rebuilds its menu). */
  onChanged(fn: () => void): () => void {
    return this.#add(this.#changed, fn);
  }
  onCloseRequested(fn: () => void): () => void {
    return this.#add(this.#close, fn);
  }
  onOpenRequested(fn: (route: AppRoute) => void): () => void {
    return this.#add(this.#open, fn);
  }

  requestClose(): void {
    this.#notify(this.#close);
  }

  requestOpen(route: AppRoute): void {
    for (const fn of [...this.#open]) fn(route);
    this.events.emit('navigate', { route });
  }

  #add<F>(set: Set<F>, fn: F): () => void {
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }
  #notify(set: Set<() => void>): void {
    for (const fn of [...set]) fn();
  }
}
