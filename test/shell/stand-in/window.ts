import { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { DELIVER_HOOK, INVOKE_BINDING, preloadInitScript } from './preload-shim';
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

/** The webContents' frames as Electron's WebFrameMain objects: one stable object per frame. */
class FrameMap {
  readonly #frames = new Map<Frame, Pick<Electron.WebFrameMain, 'url'>>();
  constructor(private readonly protocols: ProtocolRegistry) {}
  of(frame: Frame): Pick<Electron.WebFrameMain, 'url'> {
    let main = this.#frames.get(frame);
    if (!main) {
      const protocols = this.protocols;
      main = {
        get url() {
          return protocols.toElectronUrl(frame.url());
        },
      };
      this.#frames.set(frame, main);
    }
    return main;
  }
}

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
  readonly frames: FrameMap;
  destroyed = false;

  constructor(protocols: ProtocolRegistry) {
    super();
    this.frames = new FrameMap(protocols);
  }

  get mainFrame(): Electron.WebFrameMain {
    if (!this.page) throw new Error('electron stand-in: no page yet');
    return this.frames.of(this.page.mainFrame()) as Electron.WebFrameMain;
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
    if (!page || page.isClosed()) return;
    void page
      .evaluate(
        ([hook, c, a]) => (globalThis as unknown as Record<string, (c: string, a: unknown[]) => void>)[hook]?.(c, a),
        [DELIVER_HOOK, channel, args] as const,
      )
      .catch(() => undefined);
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
    this.webContents = strict('webContents', new StandInWebContents(host.protocols), host.unoffered);
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
    await this.context.exposeBinding(INVOKE_BINDING, async (source, channel: string, args: unknown[]) => {
      const event = {
        sender: this.webContents,
        senderFrame: this.webContents.frames.of(source.frame),
        frameId: 0,
        processId: 0,
      } as unknown as Electron.IpcMainInvokeEvent;
      return host.ipcInvoke(event, channel, args);
    });
    const page = await this.context.newPage();
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
