import type { BrowserContext, Request as PageRequest } from 'playwright-core';
import { strict, type Unoffered } from './strict';

type ProtocolApi = Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
type Handler = Parameters<Electron.Protocol['handle']>[1];

/**
 * Electron's protocol module. Chromium outside Electron cannot load a custom scheme, so a
 * privileged scheme `S://HOST/` is carried as `https://HOST.S.stand-in.test/`: Playwright
 * routes every request for it to the handler main registered (the real one, with its CSP
 * header), and frames report the Electron URL back to main, so the sender check sees
 * `latch-app://bundle/...` as it would in Electron.
 */
export class ProtocolRegistry implements ProtocolApi {
  readonly privileged: Electron.CustomScheme[] = [];
  readonly handlers = new Map<string, Handler>();
  registeredBeforeReady: boolean | null = null;

  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    this.registeredBeforeReady = !this.isReady();
    this.privileged.push(...customSchemes);
  }

  handle(scheme: string, handler: Handler): void {
    if (!this.isReady()) throw new Error('electron stand-in: protocol.handle before the app is ready');
    this.handlers.set(scheme, handler);
  }

  toChromiumUrl(url: string): string {
    const u = new URL(url);
    const scheme = u.protocol.slice(0, -1);
    if (!this.privileged.some((s) => s.scheme === scheme)) return url;
    return `https://${u.host}.${scheme}.stand-in.test${u.pathname}${u.search}${u.hash}`;
  }

  toElectronUrl(url: string): string {
    const m = /^https:\/\/([^/]+)\.([a-z][a-z0-9+.-]*)\.stand-in\.test(\/.*)?$/.exec(url);
    if (!m) return url;
    return `${m[2]}://${m[1]}${m[3] ?? '/'}`;
  }

  /** `mayNavigate` sees every request first: false cancels it as a prevented navigation does (no error page). */
  async route(context: BrowserContext, mayNavigate: (request: PageRequest) => boolean = () => true): Promise<void> {
    await context.route(/\.stand-in\.test\//, async (route) => {
      if (!mayNavigate(route.request())) return route.abort('aborted');
      const url = this.toElectronUrl(route.request().url());
      const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
      if (!handler) return route.fulfill({ status: 404, body: 'no protocol handler' });
      const response = await handler(new Request(url));
      await route.fulfill({
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: Buffer.from(await response.arrayBuffer()),
      });
    });
    // Nothing else leaves the page: the renderer is offline by design.
    await context.route(/^(?!.*\.stand-in\.test\/)https?:/, (route) =>
      route.abort(mayNavigate(route.request()) ? 'failed' : 'aborted'),
    );
  }

  static create(isReady: () => boolean, unoffered: Unoffered): ProtocolRegistry {
    return strict('protocol', new ProtocolRegistry(isReady), unoffered);
  }
}
