/**
 * What the real built preload (out/preload/index.cjs) finds in the page when the harness
 * runs it: `require('electron')` gives a contextBridge and an ipcRenderer whose invoke is
 * carried to main's ipcMain handlers through a CDP binding (cdp-bridge.ts, which tells main
 * the calling frame, so the real sender check runs, and answers without a user gesture).
 * This text is injected as an init script, so it runs before the page's own scripts; the
 * preload runs in the top frame only, as Electron's preload does.
 *
 * Not modelled: context isolation. exposeInMainWorld defines a frozen property in the page's
 * own world; the shim's plumbing (the binding, the event hook) is reachable from page
 * scripts too, which Electron's isolated world would hide.
 */
export const INVOKE_BINDING = '__latchStandInInvoke';
export const DELIVER_HOOK = '__latchStandInDeliver';
/** The raw CDP binding (one string argument, no answer) and the hook its answers come back through. */
export const CDP_BINDING = '__latchStandInCdp';
export const RESULT_HOOK = '__latchStandInResult';

type Listener = (event: { sender: null }, ...args: unknown[]) => void;

function shim(
  names: { invoke: string; deliver: string; cdp: string; result: string },
  preload: (req: (id: string) => unknown) => void,
): void {
  // Typed loosely: this runs in the page, and the Node typecheck has no DOM lib.
  const window = globalThis as unknown as Record<string, unknown> & { top: unknown };
  const w = window;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const invoke = (channel: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      (w[names.cdp] as (payload: string) => void)(JSON.stringify({ seq: id, channel, args }));
    });
  Object.defineProperty(window, names.result, {
    value: (id: number, ok: boolean, value: unknown) => {
      const call = pending.get(id);
      pending.delete(id);
      if (ok) call?.resolve(value);
      else call?.reject(new Error(String(value)));
    },
  });
  // Every frame can reach main (so a subframe's call meets the real sender check)…
  Object.defineProperty(window, names.invoke, { value: invoke });
  // …but the preload runs in the top frame only.
  if (window !== window.top) return;
  const listeners = new Map<string, Set<Listener>>();
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
  Object.defineProperty(window, names.deliver, {
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
  const names = { invoke: INVOKE_BINDING, deliver: DELIVER_HOOK, cdp: CDP_BINDING, result: RESULT_HOOK };
  return `(${shim.toString()})(${JSON.stringify(names)}, function (require) {
  var module = { exports: {} }; var exports = module.exports;
${preloadSource}
});`;
}
