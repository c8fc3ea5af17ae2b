// What `import { app, ... } from 'electron'` gives the built main under the harness. ESM
// bindings are fixed at first import (electron-store keeps `const { app } = electron` for the
// life of the worker), so each export forwards to the stand-in of the test now running.
// A name main imports that is not listed here fails at link time, loudly. contextBridge and
// ipcRenderer are the preload's: in the page, from test/shell/stand-in/preload-shim.ts.
const KEY = Symbol.for('latch.electron-stand-in');

function current() {
  const standIn = globalThis[KEY];
  if (!standIn) throw new Error('electron stand-in: no stand-in is installed (test/shell/stand-in/boot.ts)');
  return standIn;
}

function forward(name) {
  const target = () => current().module[name];
  // A function target so that `new BrowserWindow()` and `Menu.buildFromTemplate()` both work.
  return new Proxy(function electronExport() {}, {
    get: (_t, prop) => {
      const real = target();
      const value = Reflect.get(real, prop);
      return typeof value === 'function' && !/^[A-Z]/.test(String(prop)) ? value.bind(real) : value;
    },
    set: (_t, prop, value) => Reflect.set(target(), prop, value),
    has: (_t, prop) => Reflect.has(target(), prop),
    construct: (_t, args) => Reflect.construct(target(), args),
    apply: (_t, self, args) => Reflect.apply(target(), self, args),
  });
}

export const app = forward('app');
export const BrowserWindow = forward('BrowserWindow');
export const clipboard = forward('clipboard');
export const dialog = forward('dialog');
export const globalShortcut = forward('globalShortcut');
export const ipcMain = forward('ipcMain');
export const Menu = forward('Menu');
export const nativeImage = forward('nativeImage');
export const nativeTheme = forward('nativeTheme');
export const Notification = forward('Notification');
export const powerMonitor = forward('powerMonitor');
export const protocol = forward('protocol');
export const session = forward('session');
export const shell = forward('shell');
export const Tray = forward('Tray');
export const webContents = forward('webContents');

export default {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
  Tray,
  webContents,
};
