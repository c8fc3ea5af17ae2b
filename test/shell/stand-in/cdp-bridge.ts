/**
 * The page ↔ main plumbing of the stand-in, over a raw CDP session rather than Playwright's
 * exposeBinding and evaluate. Playwright runs every evaluate as a user gesture (CDP
 * `userGesture: true`), including the one that hands a binding's answer back, so with it
 * every IPC reply and every event gave the page transient user activation, and the preload's
 * gesture check (vault.create, exports, reveal) passed for any script. Electron's IPC gives
 * no activation; neither does this.
 */
import type { CDPSession } from 'playwright-core';
import { CDP_BINDING, RESULT_HOOK } from './preload-shim';

export interface SenderFrame {
  readonly url: string;
}

type Invoke = (frame: SenderFrame, channel: string, args: unknown[]) => Promise<unknown>;

/** CDP's Page.windowOpen: the page is opening a window (window.open, a target=_blank link, a form). */
export interface WindowOpen {
  url: string;
  windowName: string;
  windowFeatures: string[];
  userGesture: boolean;
}

interface FramePayload {
  id: string;
  parentId?: string;
  url: string;
  urlFragment?: string;
}

export class CdpBridge {
  /** One stable object per frame (Electron's WebFrameMain is compared by identity). */
  readonly #frames = new Map<string, { url: string }>();
  readonly #contextFrame = new Map<number, string>();
  #mainFrameId = '';

  private constructor(
    private readonly cdp: CDPSession,
    private readonly toElectronUrl: (url: string) => string,
  ) {}

  static async attach(
    cdp: CDPSession,
    toElectronUrl: (url: string) => string,
    invoke: Invoke,
    onWindowOpen: (open: WindowOpen) => void,
  ): Promise<CdpBridge> {
    const bridge = new CdpBridge(cdp, toElectronUrl);
    cdp.on('Page.windowOpen', (open: WindowOpen) => onWindowOpen(open));
    cdp.on('Page.frameNavigated', ({ frame }: { frame: FramePayload }) => bridge.#navigated(frame));
    cdp.on('Page.navigatedWithinDocument', ({ frameId, url }: { frameId: string; url: string }) => {
      bridge.#frame(frameId).url = url;
    });
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const frameId = (context.auxData as { frameId?: string } | undefined)?.frameId;
      if (frameId) bridge.#contextFrame.set(context.id, frameId);
    });
    cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
      if (name !== CDP_BINDING) return;
      void bridge.#call(executionContextId, payload, invoke);
    });
    await cdp.send('Page.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    bridge.#navigated(frameTree.frame as FramePayload);
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: CDP_BINDING });
    return bridge;
  }

  get mainFrame(): SenderFrame {
    return this.#view(this.#mainFrameId);
  }

  /** Runs `expression` in the page's main world with no user gesture behind it. */
  evaluate(expression: string, contextId?: number): Promise<unknown> {
    return this.cdp.send('Runtime.evaluate', { expression, userGesture: false, ...(contextId ? { contextId } : {}) });
  }

  #navigated(frame: FramePayload): void {
    if (!frame.parentId) this.#mainFrameId = frame.id;
    this.#frame(frame.id).url = frame.url + (frame.urlFragment ?? '');
  }

  #frame(id: string): { url: string } {
    let f = this.#frames.get(id);
    if (!f) {
      f = { url: '' };
      this.#frames.set(id, f);
    }
    return f;
  }

  readonly #views = new Map<string, SenderFrame>();
  #view(id: string): SenderFrame {
    let view = this.#views.get(id);
    if (!view) {
      const frame = this.#frame(id);
      const toElectronUrl = this.toElectronUrl;
      view = {
        get url() {
          return toElectronUrl(frame.url);
        },
      };
      this.#views.set(id, view);
    }
    return view;
  }

  async #call(contextId: number, payload: string, invoke: Invoke): Promise<void> {
    const { seq, channel, args } = JSON.parse(payload) as { seq: number; channel: string; args: unknown[] };
    const frameId = this.#contextFrame.get(contextId) ?? '';
    let reply: string;
    try {
      const value = await invoke(this.#view(frameId), channel, args);
      reply = `${seq}, true, ${JSON.stringify(value ?? null)}`;
    } catch (error) {
      reply = `${seq}, false, ${JSON.stringify(String(error))}`;
    }
    await this.evaluate(`globalThis[${JSON.stringify(RESULT_HOOK)}]?.(${reply})`, contextId).catch(() => undefined);
  }
}
