import { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { CdpBridge } from './cdp-bridge';
import { preloadInitScript } from './preload-shim';
import type { ProtocolRegistry } from './protocol';
import { strict, type Unoffered } from './strict';
import { StandInWebContents } from './web-contents';

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

export interface WindowHost {
  browser: Browser;
  protocols: ProtocolRegistry;
  unoffered: Unoffered;
  ipcInvoke(event: Electron.IpcMainInvokeEvent, channel: string, args: unknown[]): Promise<unknown>;
  preloadSource(path: string): string;
  /** app's 'web-contents-created'. */
  contentsCreated(contents: StandInWebContents): void;
  register(win: StandInBrowserWindow): void;
  forget(win: StandInBrowserWindow): void;
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
  /** The URL main's loadURL is loading (no fragment, as requests carry none): Electron emits no will-navigate for it. */
  #loading: string | null = null;

  constructor(
    readonly options: Electron.BrowserWindowConstructorOptions,
    private readonly host: WindowHost,
  ) {
    super();
    this.webContents = strict('webContents', new StandInWebContents(host.unoffered), host.unoffered);
    // As Electron does, while the window is being made: before main has it, and before any page loads.
    host.contentsCreated(this.webContents);
    this.visible = options.show !== false;
    this.#ready = this.#open();
    host.register(this);
    // biome-ignore lint/correctness/noConstructorReturn: main must get the strict view of its window
    return strict('BrowserWindow', this, host.unoffered);
  }

  async #open(): Promise<Page> {
    const { host } = this;
    this.context = await host.browser.newContext({ viewport: { width: 1180, height: 760 } });
    await host.protocols.route(this.context, (request) => this.#mayNavigate(request));
    const preload = this.options.webPreferences?.preload;
    if (preload) await this.context.addInitScript({ content: preloadInitScript(host.preloadSource(preload)) });
    const page = await this.context.newPage();
    // Any later page here is a popup. Chromium makes one before anyone is asked; Electron asks main's
    // window-open handler first (CDP's Page.windowOpen, below) and, denied, makes none.
    this.context.on('page', (popup) => {
      if (popup !== page) void popup.close().catch(() => undefined);
    });
    const cdp = await this.context.newCDPSession(page);
    this.webContents.bridge = await CdpBridge.attach(
      cdp,
      (url) => host.protocols.toElectronUrl(url),
      (senderFrame, channel, args) => {
        const event = { sender: this.webContents, senderFrame, frameId: 0, processId: 0 };
        return host.ipcInvoke(event as unknown as Electron.IpcMainInvokeEvent, channel, args);
      },
      (open) => this.webContents.windowOpened(open, (url) => host.protocols.toElectronUrl(url)),
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
    const target = this.host.protocols.toChromiumUrl(url);
    this.#loading = target.split('#')[0]!;
    try {
      await page.goto(target);
    } finally {
      this.#loading = null;
    }
    this.emit('ready-to-show');
  }

  /** Every request of this window's pages: a main-frame navigation the page started asks main first. */
  #mayNavigate(request: Request): boolean {
    const page = this.webContents.page;
    if (!page || !request.isNavigationRequest() || request.url() === this.#loading) return true;
    let frame: ReturnType<Request['frame']>;
    try {
      frame = request.frame();
    } catch {
      // A popup's first request, before its frame exists: not this window's page.
      return true;
    }
    if (frame !== page.mainFrame()) return true;
    return this.webContents.willNavigate(this.host.protocols.toElectronUrl(request.url()));
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
