import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { IPC_INVOKE } from '../../../preload/transport-names';
import { ProtocolRegistry } from './protocol';
import { strict, Unoffered } from './strict';
import { StandInBrowserWindow, type WindowHost } from './window';

/** A call main made into the stand-in that tests read back (dialogs, notifications, URLs opened). */
export interface Recorded {
  errorBoxes: { title: string; content: string }[];
  /** dialog.showMessageBox: the webContents id of the window it was modal to (null: none) and main's options. */
  messageBoxes: { parentContentsId: number | null; options: Electron.MessageBoxOptions }[];
  notifications: Electron.NotificationConstructorOptions[];
  openedExternal: string[];
  quitRequests: number;
  loginItems: Electron.Settings[];
}

export interface StandInOptions {
  browser: Browser;
  userData: string;
  appPath: string;
  version: string;
  isPackaged: boolean;
  /** Another instance holds the lock: requestSingleInstanceLock() answers false. */
  secondInstance?: boolean;
  /** Accelerators the OS refuses (globalShortcut.register answers false). */
  refusedShortcuts?: readonly string[];
}

type AppApi = Pick<
  Electron.App,
  | 'whenReady'
  | 'isReady'
  | 'getPath'
  | 'getVersion'
  | 'getAppPath'
  | 'setName'
  | 'getName'
  | 'requestSingleInstanceLock'
  | 'quit'
  | 'exit'
  | 'setLoginItemSettings'
  | 'isPackaged'
>;

class StandInApp extends EventEmitter implements AppApi {
  #ready = false;
  #resolveReady!: () => void;
  readonly #whenReady = new Promise<void>((r) => {
    this.#resolveReady = r;
  });
  #name = 'Electron';
  quitting = false;
  quit_ = false;

  constructor(
    private readonly options: StandInOptions,
    private readonly recorded: Recorded,
    private readonly windows: () => StandInBrowserWindow[],
  ) {
    super();
  }

  get isPackaged(): boolean {
    return this.options.isPackaged;
  }
  whenReady(): Promise<void> {
    return this.#whenReady;
  }
  isReady(): boolean {
    return this.#ready;
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    if (name === 'userData') return this.options.userData;
    throw new Error(`electron stand-in: app.getPath('${name}') is not offered`);
  }
  getVersion(): string {
    return this.options.version;
  }
  getAppPath(): string {
    return this.options.appPath;
  }
  setName(name: string): void {
    this.#name = name;
  }
  getName(): string {
    return this.#name;
  }
  requestSingleInstanceLock(): boolean {
    return !this.options.secondInstance;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.recorded.loginItems.push(settings);
  }

  /** Electron's order: before-quit (preventable), the windows close, will-quit, quit. */
  quit(): void {
    this.recorded.quitRequests++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const win of this.windows()) win.destroy();
    this.emit('will-quit', { preventDefault: () => undefined });
    this.quit_ = true;
    this.emit('quit', {}, 0);
  }

  /** Electron's exit: no events, windows gone at once; the code is kept for the test. */
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    for (const win of this.windows()) win.destroy();
    this.quit_ = true;
  }
  exitCode: number | null = null;

  /** The test's side: Electron finished starting. */
  emitReady(): void {
    this.#ready = true;
    this.emit('ready', {}, {});
    this.#resolveReady();
  }
}

type MenuItemOptions = Electron.MenuItemConstructorOptions;

export class StandInMenu {
  constructor(readonly items: MenuItemOptions[]) {}

  /** Finds an item by its labels, e.g. ['Vault', 'Lock Now'] (a role stands for a label Electron fills in: 'help'). */
  find(path: readonly string[]): MenuItemOptions | undefined {
    let items: MenuItemOptions[] = this.items;
    let found: MenuItemOptions | undefined;
    for (const label of path) {
      found = items.find((i) => i.label === label || (i.label === undefined && i.role === label));
      if (!found) return undefined;
      items = Array.isArray(found.submenu) ? found.submenu : [];
    }
    return found;
  }

  /** Clicks an item the way a user can: a disabled item does nothing. */
  click(path: readonly string[]): boolean {
    const item = this.find(path);
    if (!item) throw new Error(`menu has no item ${path.join(' › ')}`);
    if (item.enabled === false) return false;
    item.click?.({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
    return true;
  }

  /** Every label, depth first (what the user sees). */
  labels(): string[] {
    const out: string[] = [];
    const walk = (items: MenuItemOptions[]) => {
      for (const i of items) {
        if (i.label) out.push(i.label);
        if (Array.isArray(i.submenu)) walk(i.submenu);
      }
    };
    walk(this.items);
    return out;
  }

  /** The enabled item whose accelerator is pressed (a menu accelerator fires only when enabled). */
  pressAccelerator(accelerator: string): boolean {
    const match = (items: MenuItemOptions[]): MenuItemOptions | undefined => {
      for (const i of items) {
        if (i.accelerator === accelerator && i.registerAccelerator !== false) return i;
        const inner = Array.isArray(i.submenu) ? match(i.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const item = match(this.items);
    if (!item || item.enabled === false) return false;
    item.click?.({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
    return true;
  }
}

class StandInTray
  extends EventEmitter
  implements Pick<Electron.Tray, 'setToolTip' | 'setImage' | 'setContextMenu' | 'destroy' | 'isDestroyed'>
{
  readonly menus: StandInMenu[] = [];
  toolTip = '';
  image: StandInImage;
  destroyed = false;

  constructor(image: Electron.NativeImage | string) {
    super();
    this.image = image as unknown as StandInImage;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setImage(image: Electron.NativeImage | string): void {
    this.image = image as unknown as StandInImage;
  }
  /**
   * The next setContextMenu throws (a test of main's error handling): the next one whose menu
   * shows `withLabel`, or the next one called straight from a timer callback.
   */
  failNextMenu: { error: Error; withLabel?: string; fromTimer?: boolean } | null = null;
  setContextMenu(menu: Electron.Menu | null): void {
    const next = menu as unknown as StandInMenu | null;
    const fail = this.failNextMenu;
    const matches =
      fail !== null &&
      (fail.withLabel === undefined || next?.labels().includes(fail.withLabel)) &&
      (!fail.fromTimer || /\bat listOnTimeout \(node:internal\/timers/.test(new Error().stack ?? ''));
    if (fail && matches) {
      this.failNextMenu = null;
      throw fail.error;
    }
    if (next) this.menus.push(next);
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  get menu(): StandInMenu | undefined {
    return this.menus.at(-1);
  }
}

class StandInImage {
  template = false;
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

/**
 * The real X clipboard (xclip under the harness's Xvfb), synchronous like Electron's: main's
 * guard reads back what is really there, so something the user copied since is seen.
 */
class StandInClipboard implements Pick<Electron.Clipboard, 'readText' | 'writeText' | 'clear'> {
  /** The next write throws this (a test of main's error handling). */
  failNextWrite: Error | null = null;

  async readText(): Promise<string> {
    return this.readNow();
  }
  readNow(): string {
    const r = spawnSync('xclip', ['-selection', 'clipboard', '-out'], { encoding: 'utf8', timeout: 5000 });
    // An empty selection makes xclip exit 1: an empty clipboard.
    return r.status === 0 ? r.stdout : '';
  }
  async writeText(text: string): Promise<void> {
    this.writeNow(text);
  }
  writeNow(text: string): void {
    const fail = this.failNextWrite;
    this.failNextWrite = null;
    if (fail) throw fail;
    // No output pipes: xclip's forked owner must not keep spawnSync waiting.
    spawnSync('xclip', ['-selection', 'clipboard', '-in'], {
      input: text,
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 5000,
    });
    // The forked owner takes the selection a moment after the parent exits.
    for (let i = 0; i < 100 && this.readNow() !== text; i++) spawnSync('sleep', ['0.02']);
  }
  clear(): void {
    this.writeNow('');
  }
}

/**
 * A stand-in for the part of Electron's main-process API that Latch uses, typed against
 * electron.d.ts. The built main (out/main/index.js) imports it instead of Electron (see
 * hooks.mjs); a test reads what main asked of it and drives the events Electron would send.
 */
export class ElectronStandIn {
  readonly unoffered = new Unoffered();
  readonly recorded: Recorded = {
    errorBoxes: [],
    messageBoxes: [],
    notifications: [],
    openedExternal: [],
    quitRequests: 0,
    loginItems: [],
  };
  readonly windows: StandInBrowserWindow[] = [];
  readonly allWindows: StandInBrowserWindow[] = [];
  readonly trays: StandInTray[] = [];
  /** Every invoke a page made: the channel and the frame URL main saw. */
  readonly ipcCalls: { channel: string; frameUrl: string; message: unknown }[] = [];
  readonly ipcHandlers = new Map<string, (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  readonly shortcuts = new Map<string, () => void>();
  readonly sessionHandlers: { permissionRequest?: unknown; permissionCheck?: unknown; devicePermission?: unknown } = {};
  applicationMenu: StandInMenu | null = null;
  readonly app: StandInApp;
  readonly protocol: ProtocolRegistry;
  readonly clipboard = new StandInClipboard();
  readonly powerMonitor = new EventEmitter();
  /** The button index every message box answers at once; null (the default): each waits for `answerMessageBox`. */
  messageBoxResponse: number | null = null;
  readonly #openBoxes: ((response: number) => void)[] = [];
  /** The user picks button `response` in the oldest open message box. */
  answerMessageBox(response: number): void {
    const answer = this.#openBoxes.shift();
    if (!answer) throw new Error('no message box is open');
    answer(response);
  }
  readonly module: Record<string, unknown>;

  constructor(readonly options: StandInOptions) {
    const u = this.unoffered;
    this.app = new StandInApp(options, this.recorded, () => [...this.windows]);
    this.protocol = ProtocolRegistry.create(() => this.app.isReady(), u);
    const standIn = this;
    const host: WindowHost = {
      browser: options.browser,
      protocols: this.protocol,
      unoffered: u,
      ipcInvoke: async (event, channel, args) => {
        standIn.ipcCalls.push({ channel, frameUrl: event.senderFrame?.url ?? '', message: args[0] });
        const handler = standIn.ipcHandlers.get(channel);
        // Electron rejects the renderer's promise when no handler is registered.
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler(event, ...args);
      },
      preloadSource: (path) => readFileSync(path, 'utf8'),
      contentsCreated: (contents) => {
        const event = { sender: contents, preventDefault: () => undefined, defaultPrevented: false };
        standIn.app.emit('web-contents-created', event, contents);
      },
      register: (win) => {
        standIn.windows.push(win);
        standIn.allWindows.push(win);
      },
      forget: (win) => {
        const i = standIn.windows.indexOf(win);
        if (i >= 0) standIn.windows.splice(i, 1);
      },
    };
    const refused = new Set(options.refusedShortcuts ?? []);
    const recorded = this.recorded;

    class BrowserWindow extends StandInBrowserWindow {
      constructor(opts: Electron.BrowserWindowConstructorOptions = {}) {
        super(opts, host);
      }
      static getAllWindows(): StandInBrowserWindow[] {
        return [...standIn.windows];
      }
    }
    class Menu extends StandInMenu {
      static buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): StandInMenu {
        return strict('Menu', new StandInMenu(template), u);
      }
      static setApplicationMenu(menu: StandInMenu | null): void {
        standIn.applicationMenu = menu;
      }
      static getApplicationMenu(): StandInMenu | null {
        return standIn.applicationMenu;
      }
    }
    class Tray extends StandInTray {
      constructor(image: Electron.NativeImage | string) {
        super(image);
        standIn.trays.push(this);
        // biome-ignore lint/correctness/noConstructorReturn: main must get the strict view
        return strict('Tray', this, u);
      }
    }
    class Notification extends EventEmitter {
      constructor(readonly opts: Electron.NotificationConstructorOptions) {
        super();
      }
      static isSupported(): boolean {
        return true;
      }
      show(): void {
        recorded.notifications.push(this.opts);
      }
    }

    const webContents: Pick<typeof Electron.webContents, 'fromId' | 'getAllWebContents'> = {
      fromId: (id: number) =>
        standIn.windows.find((w) => w.webContents.id === id)?.webContents as unknown as
          | Electron.WebContents
          | undefined,
      getAllWebContents: () => standIn.windows.map((w) => w.webContents) as unknown as Electron.WebContents[],
    };
    const ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler' | 'on'> = {
      handle: (channel, listener) => {
        if (standIn.ipcHandlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        standIn.ipcHandlers.set(channel, listener as never);
      },
      removeHandler: (channel) => {
        standIn.ipcHandlers.delete(channel);
      },
      // electron-store listens for its renderer helper; Latch's renderer never sends it.
      on: () => ipcMain as Electron.IpcMain,
    };
    const globalShortcut: Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'isRegistered' | 'unregisterAll'> =
      {
        register: (accelerator, callback) => {
          if (refused.has(accelerator) || standIn.shortcuts.has(accelerator)) return false;
          standIn.shortcuts.set(accelerator, callback);
          return true;
        },
        unregister: (accelerator) => {
          standIn.shortcuts.delete(accelerator);
        },
        isRegistered: (accelerator) => standIn.shortcuts.has(accelerator),
        unregisterAll: () => standIn.shortcuts.clear(),
      };
    const session = {
      defaultSession: strict(
        'session.defaultSession',
        {
          setPermissionRequestHandler: (h: unknown) => {
            standIn.sessionHandlers.permissionRequest = h;
          },
          setPermissionCheckHandler: (h: unknown) => {
            standIn.sessionHandlers.permissionCheck = h;
          },
          setDevicePermissionHandler: (h: unknown) => {
            standIn.sessionHandlers.devicePermission = h;
          },
        } satisfies Pick<
          Record<keyof Electron.Session, unknown>,
          'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
        >,
        u,
      ),
    };
    const shell: Pick<Electron.Shell, 'openExternal'> = {
      openExternal: async (url) => {
        recorded.openedExternal.push(url);
      },
    };
    const showMessageBox = (
      first: Electron.BaseWindow | Electron.MessageBoxOptions,
      second?: Electron.MessageBoxOptions,
    ): Promise<Electron.MessageBoxReturnValue> => {
      const options = second ?? (first as Electron.MessageBoxOptions);
      const parent = second === undefined ? null : (first as unknown as StandInBrowserWindow);
      recorded.messageBoxes.push({ parentContentsId: parent?.webContents.id ?? null, options });
      const fixed = standIn.messageBoxResponse;
      if (fixed !== null) return Promise.resolve({ response: fixed, checkboxChecked: false });
      return new Promise((resolve) =>
        standIn.#openBoxes.push((response) => resolve({ response, checkboxChecked: false })),
      );
    };
    const dialog: Pick<Electron.Dialog, 'showErrorBox' | 'showMessageBox'> = {
      showErrorBox: (title, content) => {
        recorded.errorBoxes.push({ title, content });
      },
      showMessageBox: showMessageBox as Electron.Dialog['showMessageBox'],
    };
    const nativeImage: Pick<typeof Electron.nativeImage, 'createFromPath'> = {
      createFromPath: (path: string) =>
        strict('NativeImage', new StandInImage(path), u) as unknown as Electron.NativeImage,
    };
    const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

    this.module = Object.fromEntries(
      Object.entries({
        app: this.app,
        BrowserWindow,
        clipboard: this.clipboard,
        dialog,
        globalShortcut,
        ipcMain,
        Menu,
        nativeImage,
        nativeTheme,
        Notification,
        powerMonitor: this.powerMonitor,
        protocol: this.protocol,
        session,
        shell,
        Tray,
        webContents,
      }).map(([name, value]) => [name, strict(name, value as object, u)]),
    );
  }

  /**
   * Does main serve a call from `win`'s top frame now? Asked of main's own IPC handler from outside the
   * page, with the frame the page's own calls carry: an evaluate in the page would be a user gesture.
   */
  async mainServes(win: StandInBrowserWindow): Promise<boolean> {
    const handler = this.ipcHandlers.get(IPC_INVOKE);
    const contents = win.webContents;
    if (!handler || !contents.bridge || contents.isDestroyed()) return false;
    const event = { sender: contents, senderFrame: contents.mainFrame, frameId: 0, processId: 0 };
    const reply = await handler(event as unknown as Electron.IpcMainInvokeEvent, {
      channel: 'app.ping',
      input: { echo: 'stand-in' },
    });
    return (reply as { ok?: unknown } | null)?.ok === true;
  }

  get tray(): StandInTray | undefined {
    return this.trays.at(-1);
  }

  /** Every Chromium page still open behind a window. */
  async close(): Promise<void> {
    for (const w of this.allWindows) await w.context?.close().catch(() => undefined);
  }
}

export type { StandInTray };
