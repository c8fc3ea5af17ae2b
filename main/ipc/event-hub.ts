import type { EventName, EventPayload } from '../../preload/contract';
import { EventBus } from '../app/events';

/** The contract's events by name, as they go to every connected renderer whatever its transport. */
export type ContractEvents = { [E in EventName]: EventPayload<E> };

export type EventHub = EventBus<ContractEvents>;

export type EventListener = (name: EventName, payload: unknown) => void;

export const createEventHub = (): EventHub => new EventBus<ContractEvents>();
