/**
 * Finds the bridge to main: `window.latch` from the Electron preload, or else a
 * WebSocket to the browser host, whose per-run secret arrives in the URL fragment.
 * Either way the app gets the same typed LatchApi and never knows which it has.
 */
import { createClient, type Envelope, type LatchApi } from '../../preload/api';
import type { ChannelName, EventName } from '../../preload/contract';

declare global {
  interface Window {
    latch?: LatchApi;
  }
}

const TOKEN_KEY = 'latch.host.token';

function takeHostToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    // Keep the secret out of the address bar and history.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function connectHost(token: string): Promise<LatchApi> {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  const pending = new Map<number, (e: Envelope) => void>();
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as {
      id?: number;
      envelope?: Envelope;
      event?: EventName;
      payload?: unknown;
    };
    if (msg.event !== undefined) {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.payload);
    } else if (typeof msg.id === 'number' && msg.envelope) {
      pending.get(msg.id)?.(msg.envelope);
      pending.delete(msg.id);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({
        ok: false,
        error: { code: 'ERR_INTERNAL', message: 'The connection to Latch was lost. Reload the page.' },
      });
    }
    pending.clear();
  });

  const api = createClient({
    invoke: (channel: ChannelName, input: unknown) =>
      new Promise<Envelope>((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve({
            ok: false,
            error: { code: 'ERR_INTERNAL', message: 'The connection to Latch was lost. Reload the page.' },
          });
          return;
        }
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      }),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  });

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(api), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error('Could not reach the Latch host. Start it again with npm run dev:web and open the URL it prints.'),
        ),
      {
        once: true,
      },
    );
  });
}

export async function connectBridge(): Promise<LatchApi> {
  if (window.latch) return window.latch;
  const token = takeHostToken();
  if (token === null) {
    throw new Error(
      'No bridge to Latch: open this page from the desktop app, or use the URL that npm run dev:web prints.',
    );
  }
  return connectHost(token);
}
