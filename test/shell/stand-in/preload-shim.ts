/**
 * What the real built preload (out/preload/index.cjs) finds in the page when the harness
 * runs it: `require('electron')` gives a contextBridge and an ipcRenderer whose invoke is
 * carried to main's ipcMain handlers through a Playwright binding (which tells main the
 * calling frame, so the real sender check runs). This text is injected as an init script,
 * so it runs before the page's own scripts, in the top frame only, as Electron's preload does.
 *
 * Not modelled: context isolation. exposeInMainWorld defines a frozen property in the page's
 * own world; the shim's plumbing (the binding, the event hook) is reachable from page
 * scripts too, which Electron's isolated world would hide.
 */
export const INVOKE_BINDING = '__latchStandInInvoke';
export const DELIVER_HOOK = '__latchStandInDeliver';

type Listener = (event: { sender: null }, ...args: unknown[]) => void;

function shim(invokeBinding: string, deliverHook: string, preload: (req: (id: string) => unknown) => void): void {
  // Typed loosely: this runs in the page, and the Node typecheck has no DOM lib.
  const window = globalThis as unknown as Record<string, unknown> & { top: unknown };
  if (window !== window.top) return;
  const listeners = new Map<string, Set<Listener>>();
  const w = window;
  const invoke = w[invokeBinding] as (channel: string, args: unknown[]) => Promise<unknown>;
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, args),
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true });
    },
  };
  Object.defineProperty(window, deliverHook, {
    value: (channel: string, args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, ...args);
    },
  });
  preload((id) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`preload stand-in: a sandboxed preload cannot require ${id}`);
  });
}

/** The init script: the shim, then the preload bundle as a CommonJS function body (no eval: the CSP forbids it). */
export function preloadInitScript(preloadSource: string): string {
  return `(${shim.toString()})(${JSON.stringify(INVOKE_BINDING)}, ${JSON.stringify(DELIVER_HOOK)}, function (require) {
  var module = { exports: {} }; var exports = module.exports;
${preloadSource}
});`;
}
