import { EventEmitter } from 'node:events';
import type { Page } from 'playwright-core';
import type { CdpBridge, WindowOpen } from './cdp-bridge';
import { DELIVER_HOOK } from './preload-shim';
import type { Unoffered } from './strict';

type WebContentsApi = Pick<
  Electron.WebContents,
  'id' | 'isDestroyed' | 'send' | 'setWindowOpenHandler' | 'isDevToolsOpened'
>;
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

let nextId = 1;

const TAB_FEATURES = new Set(['menubar', 'toolbar', 'status', 'scrollbars', 'resizable', 'noopener', 'noreferrer']);

/**
 * A window's webContents. Besides main's calls, it emits to main what Electron's does for what
 * happens in its page: 'will-navigate' for a navigation the page starts, the window-open handler's
 * question for a window the page opens, and 'input-event' for the wheel a test turns.
 */
export class StandInWebContents extends EventEmitter implements WebContentsApi {
  readonly id = nextId++;
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** Every window the page asked for, with the handler's answer (null: no handler was set). */
  readonly windowOpens: { details: Electron.HandlerDetails; action: 'allow' | 'deny' | null }[] = [];
  /** Every navigation the page started, in Electron's URL, and whether main prevented it. */
  readonly navigations: { url: string; prevented: boolean }[] = [];
  devToolsOpened = false;
  page: Page | null = null;
  /** Calls and messages between the page and main, with no user gesture (cdp-bridge.ts). */
  bridge: CdpBridge | null = null;
  destroyed = false;

  constructor(private readonly unoffered: Unoffered) {
    super();
  }

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

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    const page = this.page;
    if (!page || page.isClosed() || !this.bridge) return;
    const expression = `globalThis[${JSON.stringify(DELIVER_HOOK)}]?.(${JSON.stringify(channel)}, ${JSON.stringify(args)})`;
    void this.bridge.evaluate(expression).catch(() => undefined);
  }

  /**
   * Electron's 'will-navigate': emitted for a main-frame navigation the page starts (a link, a
   * script), not for main's own loadURL. Answers whether the navigation may go on.
   */
  willNavigate(url: string): boolean {
    let prevented = false;
    const event = {
      url,
      isMainFrame: true,
      isSameDocument: false,
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    };
    this.emit('will-navigate', event, url, false, true);
    this.navigations.push({ url, prevented });
    return !prevented;
  }

  /**
   * The page asks for a window: Electron asks main's window-open handler before any window (or
   * webContents) exists. A window main allows is not modelled: it is recorded as unoffered, so the
   * test fails, and the stand-in closes the popup Chromium made (windowOpened's caller).
   */
  windowOpened(open: WindowOpen, toElectronUrl: (url: string) => string): void {
    // CDP gives the features as Chromium parsed them: a tab's come with its bars on, which the page never wrote.
    const written = open.windowFeatures.filter((f) => !TAB_FEATURES.has(f));
    const details: Electron.HandlerDetails = {
      url: toElectronUrl(open.url),
      frameName: open.windowName,
      features: written.join(','),
      disposition: open.windowFeatures.includes('toolbar') ? 'foreground-tab' : 'new-window',
      referrer: { url: this.bridge?.mainFrame.url ?? '', policy: 'strict-origin-when-cross-origin' },
    };
    const action = this.windowOpenHandler?.(details).action ?? null;
    this.windowOpens.push({ details, action });
    if (action !== 'deny')
      this.unoffered.names.push(`webContents: a window the page opens (${action ?? 'no handler'})`);
  }

  /**
   * The user turns the wheel over the page: Electron's 'input-event' as Chromium takes the input
   * (no page script can make one), then the real wheel in the page.
   */
  async wheel(deltaX: number, deltaY: number): Promise<void> {
    const page = this.page;
    if (!page) throw new Error('electron stand-in: no page yet');
    const input = { type: 'mouseWheel', modifiers: [], x: 100, y: 100, deltaX, deltaY };
    this.emit('input-event', { preventDefault: () => undefined }, input);
    await page.mouse.move(input.x, input.y);
    await page.mouse.wheel(deltaX, deltaY);
  }
}
