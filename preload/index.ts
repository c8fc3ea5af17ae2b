/**
 * The preload: exposes `window.latch`, built from the contract, and nothing else. No
 * passthrough `invoke(channel, ...)` reaches the page; every method is named by the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createClient, type Envelope } from './api';
import type { EventName } from './contract';
import { IPC_EVENT, IPC_INVOKE } from './transport-names';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

// One IPC listener fans events out; subscribers get an unsubscribe function instead of
// removeListener, which silently removes nothing when handed a fresh arrow function.
ipcRenderer.on(IPC_EVENT, (_event, message: { event: EventName; payload: unknown }) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

const api = createClient({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, { channel, input }) as Promise<Envelope>,
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
});

contextBridge.exposeInMainWorld('latch', api);
