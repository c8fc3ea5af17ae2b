import type { EventName, EventPayload } from '../../preload/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Events from main to every connected renderer, whatever its transport. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  /** Returns the unsubscribe function; there is no removeListener to get wrong. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
