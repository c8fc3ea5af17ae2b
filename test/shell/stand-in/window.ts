import { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CdpBridge } from './cdp-bridge';
import { DELIVER_HOOK, preloadInitScript } from './preload-shim';
import type { ProtocolRegistry } from './protocol';
import { strict, type Unoffered } from './strict';

type BrowserWindowApi = Pick<
  Electron.BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'isVisible'
  | 'isMinimized'
  | 'restore'
  | 'center'
  | 'destroy'
  | 'isDestroyed'
  | 'getNormalBounds'
  | 'loadURL'
  | 'close'
>;
type WebContentsApi = Pick<
  Electron.WebContents,
  'id' | 'isDestroyed' | 'send' | 'setWindowOpenHandler' | 'isDevToolsOpened'
>;

export interface WindowHost {
  browser: Browser;
  protocols: ProtocolRegistry;
  unoffered: Unoffered;
  ipcInvoke(event: Electron.IpcMainInvokeEvent, channel: string, args: unknown[]): Promise<unknown>;
  preloadSource(path: string): string;
  register(win: StandInBrowserWindow): void;
  forget(win: StandInBrowserWindow): void;
}

let nextId = 1;

export class StandInWebContents extends EventEmitter implements WebContentsApi {
  readonly id = nextId++;
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  devToolsOpened = false;
  page: Page | null = null;
  /** Calls and messages between the page and main, with no user gesture (cdp-bridge.ts). */
  bridge: CdpBridge | null = null;
  destroyed = false;

  get mainFrame(): Electron.WebFrameMain {
    if (!this.bridge) throw new Error('electron stand-in: no page yet');
    return this.bridge.mainFrame as Electron.WebFrameMain;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    const page = this.page;
    if (!page || page.isClosed() || !this.bridge) return;
    const expression = `globalThis[${JSON.stringify(DELIVER_HOOK)}]?.(${JSON.stringify(channel)}, ${JSON.stringify(args)})`;
    void this.bridge.evaluate(expression).catch(() => undefined);
  }
}

/**
 * A BrowserWindow whose page is a real Chromium page (Playwright): main's options are kept
 * for the tests to read, the real preload runs in it, and its loads go through main's own
 * protocol handler.
 */
export class StandInBrowserWindow extends EventEmitter implements BrowserWindowApi {
  readonly webContents: StandInWebContents;
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  context: BrowserContext | null = null;
  readonly #ready: Promise<Page>;

  constructor(
    readonly options: Electron.BrowserWindowConstructorOptions,
    private readonly host: WindowHost,
  ) {
    super();
    this.webContents = strict('webContents', new StandInWebContents(), host.unoffered);
    this.visible = options.show !== false;
    this.#ready = this.#open();
    host.register(this);
    // biome-ignore lint/correctness/noConstructorReturn: main must get the strict view of its window
    return strict('BrowserWindow', this, host.unoffered);
  }

  async #open(): Promise<Page> {
    const { host } = this;
    this.context = await host.browser.newContext({ viewport: { width: 1180, height: 760 } });
    await host.protocols.route(this.context);
    const preload = this.options.webPreferences?.preload;
    if (preload) await this.context.addInitScript({ content: preloadInitScript(host.preloadSource(preload)) });
    const page = await this.context.newPage();
    const cdp = await this.context.newCDPSession(page);
    this.webContents.bridge = await CdpBridge.attach(
      cdp,
      (url) => host.protocols.toElectronUrl(url),
      (senderFrame, channel, args) => {
        const event = { sender: this.webContents, senderFrame, frameId: 0, processId: 0 };
        return host.ipcInvoke(event as unknown as Electron.IpcMainInvokeEvent, channel, args);
      },
    );
    this.webContents.page = page;
    return page;
  }

  /** The Chromium page behind this window, once it exists. */
  page(): Promise<Page> {
    return this.#ready;
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.#ready;
    await page.goto(this.host.protocols.toChromiumUrl(url));
    this.emit('ready-to-show');
  }

  show(): void {
    this.visible = true;
    this.focused = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  center(): void {}
  getNormalBounds(): Electron.Rectangle {
    return { x: 0, y: 0, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Electron's close: 'close' may be prevented; otherwise the window is destroyed. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.host.forget(this);
    void this.context?.close().catch(() => undefined);
    this.emit('closed');
  }
}
