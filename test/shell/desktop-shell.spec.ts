/**
 * The desktop shell's glue, proven on the real built main process (out/main/index.js)
 * against the Electron stand-in: real renderer in Chromium, real preload, real sender
 * check and dispatcher, real X clipboard. See docs/architecture.md, "The shell harness".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DOC_LINKS } from '../../main/core/model/doc-links';
import { buildCsp } from '../../main/security/csp';
import { mainWindowOptions, quickAccessWindowOptions } from '../../main/security/window-options';
import { PROCESS_GUARD, type ProcessGuard } from '../../main/shell/process-guard';
import type { LatchApi } from '../../preload/api';
import { createVault, expect, MASTER, quitMain, ROOT, test } from './harness';
import type { ElectronStandIn } from './stand-in/electron-stand-in';
import type { StandInWebContents } from './stand-in/web-contents';

const SECRET = 'sk_live_51HarnessSecretValue';
const PRELOAD = join(ROOT, 'out/preload/index.cjs');
const SHORTCUT = 'CommandOrControl+Shift+L';

type Win = { latch: LatchApi };
/** The DOM this file touches in a page (the Node typecheck has no DOM lib). */
type MiniDocument = {
  createElement(tag: 'iframe' | 'script' | 'a'): { srcdoc: string; textContent: string };
  body: { append(node: unknown): void };
};

const state = (page: Page) =>
  page.evaluate(async () => (await (globalThis as unknown as Win).latch.vault.status({})).state);

/**
 * vault.create is a gesture channel: Playwright's `page.evaluate` runs as a user gesture
 * (CDP `userGesture: true`), which stands for the click on "Create vault" here. The test
 * "a script without a click cannot create a vault" shows the same call refused without one.
 */
async function createByApi(page: Page): Promise<void> {
  await page.evaluate((password) => (globalThis as unknown as Win).latch.vault.create({ password } as never), MASTER);
  await expect.poll(() => state(page)).toBe('unlocked');
}

async function unlockByApi(page: Page): Promise<void> {
  await page.evaluate((password) => (globalThis as unknown as Win).latch.vault.unlock({ password } as never), MASTER);
  await expect.poll(() => state(page)).toBe('unlocked');
}

/** A favourite service with one API key (and a TOTP code when asked), added through the page. */
async function seed(page: Page, withTotp = false): Promise<void> {
  await page.evaluate(
    async ([secret, totp]) => {
      const { latch } = globalThis as unknown as Win;
      const { id: serviceId } = await latch.services.create({ service: { name: 'Stripe', favourite: true } });
      await latch.credentials.add({
        serviceId,
        kind: 'api-key',
        name: 'live key',
        fields: { value: secret, header: 'Authorization' },
      } as never);
      if (totp)
        await latch.credentials.add({
          serviceId,
          kind: 'totp',
          name: 'login code',
          fields: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' },
        } as never);
    },
    [SECRET, withTotp] as const,
  );
}

/**
 * A script in the page with no click or key press behind it: CDP's evaluate without userGesture
 * (Playwright's own evaluate is a gesture, and so is every locator action). Waits for the preload's
 * `latch` and checks the page has no activation.
 */
async function scriptWithoutClick(page: Page): Promise<(expression: string) => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const script = async (expression: string) =>
    (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: false }))
      .result.value as unknown;
  await expect.poll(() => script("document.readyState === 'complete' && typeof latch === 'object'")).toBe(true);
  expect(await script('navigator.userActivation.isActive')).toBe(false);
  return script;
}

const lockNow = (s: ElectronStandIn) => s.applicationMenu?.find(['Vault', 'Lock Now']);

test.describe('start-up', () => {
  test('main starts with no error, and the window has the secure options and the CSP the pure functions decide', async ({
    boot,
  }) => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const { standIn, mainPage } = await boot();
      const page = await mainPage();
      await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible({ timeout: 20_000 });

      const win = standIn.allWindows[0]!;
      expect(win.options).toEqual(
        mainWindowOptions({
          preloadPath: PRELOAD,
          bounds: null,
          isPackaged: false,
          darkBackground: false,
          startHidden: false,
        }),
      );
      expect(win.isVisible()).toBe(true);
      // The scheme is privileged before 'ready', as Electron requires.
      expect(standIn.protocol.registeredBeforeReady).toBe(true);
      expect(standIn.protocol.privileged).toEqual([
        { scheme: 'latch-app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);

      // Every response of main's protocol handler carries the CSP; the page runs under it.
      const handler = standIn.protocol.handlers.get('latch-app')!;
      const index = await handler(new Request('latch-app://bundle/index.html'));
      expect(index.headers.get('content-security-policy')).toBe(buildCsp());
      expect(index.headers.get('x-content-type-options')).toBe('nosniff');
      const traversal = await handler(new Request('latch-app://bundle/%2e%2e/%2e%2e/package.json'));
      expect(traversal.status).toBe(404);
      // An inline script (what an injected <script> would be) does not run.
      const inlineRan = await page.evaluate(async () => {
        const g = globalThis as unknown as { document: MiniDocument; inlineRan?: boolean };
        const script = g.document.createElement('script');
        script.textContent = 'globalThis.inlineRan = true';
        g.document.body.append(script);
        await new Promise((r) => setTimeout(r, 50));
        return g.inlineRan === true;
      });
      expect(inlineRan).toBe(false);

      // Every permission request is denied.
      let granted: boolean | null = null;
      (standIn.sessionHandlers.permissionRequest as (c: unknown, p: string, cb: (g: boolean) => void) => void)(
        null,
        'media',
        (g) => {
          granted = g;
        },
      );
      expect(granted).toBe(false);
      expect((standIn.sessionHandlers.permissionCheck as () => boolean)()).toBe(false);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
  });

  test('DevTools stay closed in a packaged build', async ({ boot }) => {
    const { standIn, mainPage } = await boot({ isPackaged: true });
    await mainPage();
    const win = standIn.allWindows[0]!;
    expect(win.options.webPreferences?.devTools).toBe(false);
    expect(win.webContents.isDevToolsOpened()).toBe(false);
    const roles = JSON.stringify(standIn.applicationMenu?.items);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('"reload"');
  });

  test('a development build offers DevTools in the View menu only', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    await mainPage();
    expect(standIn.allWindows[0]!.options.webPreferences?.devTools).toBe(true);
    expect(JSON.stringify(standIn.applicationMenu?.find(['View'])?.submenu)).toContain('toggleDevTools');
  });
});

test.describe('the bridge', () => {
  test('a page call goes through the real preload and the sender check to the dispatcher', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    const echo = await page.evaluate(() => (globalThis as unknown as Win).latch.app.ping({ echo: 'through' }));
    expect(echo).toEqual({ echo: 'through' });
    const call = standIn.ipcCalls.find((c) => (c.message as { channel?: string }).channel === 'app.ping');
    expect(call).toMatchObject({ channel: 'latch:invoke', frameUrl: 'latch-app://bundle/index.html' });
    // The preload exposes the contract only: no raw invoke, no ipcRenderer.
    expect(await page.evaluate(() => typeof (globalThis as unknown as Record<string, unknown>).ipcRenderer)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as Win).latch))).toBe(true);
  });

  test('a call from a subframe or from another origin is refused', async ({ boot }) => {
    const { mainPage } = await boot();
    const page = await mainPage();
    const raw = (p: Page | import('playwright-core').Frame) =>
      p.evaluate(() =>
        (globalThis as unknown as Record<string, (c: string, a: unknown[]) => Promise<unknown>>).__latchStandInInvoke!(
          'latch:invoke',
          [{ channel: 'app.ping', input: { echo: 'x' } }],
        ),
      );
    // The top frame passes…
    expect(await raw(page)).toMatchObject({ ok: true });
    // …a frame inside the app's own page does not (the CSP forbids framing anything else).
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: MiniDocument };
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>inner</p>';
      document.body.append(frame);
    });
    await expect.poll(() => page.frames().length).toBe(2);
    const inner = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await raw(inner)).toMatchObject({ ok: false, error: { code: 'ERR_FORBIDDEN_SENDER' } });

    // A page of another origin in the window (as if a navigation had slipped past the
    // guard): the preload runs there as in Electron, and main refuses every call.
    await page
      .context()
      .route('https://evil.test/**', (r) => r.fulfill({ contentType: 'text/html', body: '<p>x</p>' }));
    await page.goto('https://evil.test/');
    const refused = await page.evaluate(() =>
      (globalThis as unknown as Win).latch.app.ping({ echo: 'x' }).then(
        () => 'served',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(refused).toBe('ERR_FORBIDDEN_SENDER');
  });

  test('a script without a click can neither create a vault nor copy a secret: the real preload refuses them, nothing is written or copied', async ({
    boot,
  }) => {
    const { standIn, mainPage, dataDir } = await boot();
    const page = await mainPage();
    const script = await scriptWithoutClick(page);
    const elsewhere = join(dataDir, 'planted', 'vault.latch');
    const answer = await script(
      `latch.vault.create({ password: ${JSON.stringify(MASTER)}, path: ${JSON.stringify(elsewhere)} }).then(() => 'created', (e) => e.code)`,
    );
    expect(answer).toBe('ERR_FORBIDDEN_SENDER');
    expect(standIn.ipcCalls.some((c) => (c.message as { channel?: string }).channel === 'vault.create')).toBe(false);
    expect(existsSync(join(dataDir, 'planted'))).toBe(false);
    expect(await state(page)).toBe('absent');
    // The same call with a gesture behind it goes through.
    await createByApi(page);

    // Every channel that puts a secret on the clipboard is refused the same way, before main.
    await seed(page, true);
    const ids = await page.evaluate(async () => {
      const { latch } = globalThis as unknown as Win;
      const [service] = await latch.services.list({});
      const { credentials } = await latch.services.get({ id: service!.id });
      await latch.totp.setBackupCodes({ serviceId: service!.id, text: 'aaaa-bbbb-1111' });
      const of = (kind: string) => credentials.find((c) => c.kind === kind)!.id;
      return { serviceId: service!.id, key: of('api-key'), code: of('totp') };
    });
    await standIn.clipboard.writeText('what the user copied');
    // Playwright's evaluates above were gestures, whose activation lasts a few seconds: a reload
    // starts a new window with none (no waiting), and the vault stays unlocked in main.
    await page.reload();
    await expect.poll(() => script("document.readyState === 'complete' && typeof latch === 'object'")).toBe(true);
    expect(await script('navigator.userActivation.isActive')).toBe(false);
    const located = (credentialId: string) => JSON.stringify({ serviceId: ids.serviceId, credentialId });
    const copies = {
      'credentials.copy': `latch.credentials.copy(${located(ids.key)})`,
      'quick.copy': `latch.quick.copy(${located(ids.key)})`,
      'totp.copy': `latch.totp.copy(${located(ids.code)})`,
      'totp.useBackupCode': `latch.totp.useBackupCode(${JSON.stringify({ serviceId: ids.serviceId, index: 0 })})`,
    };
    for (const [channel, call] of Object.entries(copies)) {
      expect(await script(`${call}.then(() => 'copied', (e) => e.code)`), channel).toBe('ERR_FORBIDDEN_SENDER');
      expect(standIn.ipcCalls.some((c) => (c.message as { channel?: string }).channel === channel)).toBe(false);
    }
    expect(await standIn.clipboard.readText()).toBe('what the user copied');
    // Nor can it keep the vault from auto-locking: activity is a press of the user's own.
    const touches = () => standIn.ipcCalls.filter((c) => (c.message as { channel?: string }).channel === 'vault.touch');
    const touchedBefore = touches().length;
    expect(await script(`latch.vault.touch().then(() => 'touched', (e) => e.code)`)).toBe('ERR_FORBIDDEN_SENDER');
    expect(touches()).toHaveLength(touchedBefore);
    // With a click behind it (Playwright's evaluate), the palette's copy goes through.
    await page.evaluate(copies['quick.copy']);
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);
  });

  test('a script without a click cannot lower the protection in settings: main refuses settings.update, the real preload settings.weaken', async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    const script = await scriptWithoutClick(page);
    const answer = (call: string) => script(`${call}.then((s) => s.autoLockMinutes, (e) => e.code)`);
    expect(await answer('latch.settings.update({ autoLockMinutes: 0 })')).toBe('ERR_FORBIDDEN_SENDER');
    expect(await answer('latch.settings.weaken({ autoLockMinutes: 0 })')).toBe('ERR_FORBIDDEN_SENDER');
    expect(standIn.ipcCalls.some((c) => (c.message as { channel?: string }).channel === 'settings.weaken')).toBe(false);
    // Stronger needs nobody; weaker with a gesture behind it (Playwright's evaluate) is asked of the user by main.
    expect(await answer('latch.settings.update({ autoLockMinutes: 5 })')).toBe(5);
    expect(standIn.recorded.messageBoxes).toEqual([]);
  });

  test("a press is not enough to lower protection: main's own dialog, modal to the window and in main's words, must say yes", async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    const weaken = (minutes: number) =>
      page.evaluate(
        (m) =>
          (globalThis as unknown as Win).latch.settings.weaken({ autoLockMinutes: m }).then(
            (s) => s.autoLockMinutes,
            (e: { code: string }) => e.code,
          ),
        minutes,
      );
    const stored = () => page.evaluate(() => (globalThis as unknown as Win).latch.settings.get({}));

    // The press (Playwright's evaluate) reaches main; main asks before anything is saved.
    const refused = weaken(0);
    await expect.poll(() => standIn.recorded.messageBoxes.length).toBe(1);
    const [box] = standIn.recorded.messageBoxes;
    expect(box!.parentContentsId).toBe(standIn.windows[0]!.webContents.id);
    expect(box!.options).toMatchObject({
      type: 'warning',
      message: 'Turn the auto-lock off?',
      detail: expect.stringContaining('now it locks after 10 minutes idle'),
      buttons: ['Cancel', 'Turn auto-lock off'],
      defaultId: 0,
      cancelId: 0,
    });
    expect((await stored()).autoLockMinutes).toBe(10);
    // Cancel (also Escape's and Enter's answer): nothing saved, the page hears ERR_CANCELLED.
    standIn.answerMessageBox(0);
    expect(await refused).toBe('ERR_CANCELLED');
    expect((await stored()).autoLockMinutes).toBe(10);

    // A new press (the preload serves each gesture channel once per press), and this time the user says yes.
    await page.keyboard.press('Shift');
    const confirmed = weaken(0);
    await expect.poll(() => standIn.recorded.messageBoxes.length).toBe(2);
    standIn.answerMessageBox(1);
    expect(await confirmed).toBe(0);
    expect((await stored()).autoLockMinutes).toBe(0);
  });

  test("each window's webContents reaches main's 'web-contents-created' before its page loads, once", async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    await mainPage();
    const created: { id: number; handlerSet: boolean; page: boolean }[] = [];
    standIn.app.on('web-contents-created', (_event, contents: StandInWebContents) => {
      // Main's listeners ran first (they were added first): its handler is set, and no page exists yet.
      created.push({ id: contents.id, handlerSet: contents.windowOpenHandler !== null, page: contents.page !== null });
    });
    standIn.shortcuts.get(SHORTCUT)!();
    await expect.poll(() => standIn.allWindows.length).toBe(2);
    const [main, palette] = standIn.allWindows.map((w) => w.webContents);
    expect(created).toEqual([{ id: palette!.id, handlerSet: true, page: false }]);
    // Main's listener ran for the main window too: its webview denial beside hardenWebContents' own, and
    // one scroll listener per webContents (countScrollInEveryWindow), so a scroll is counted once.
    for (const contents of [main!, palette!]) {
      expect(contents.listenerCount('will-attach-webview')).toBe(2);
      expect(contents.listenerCount('input-event')).toBe(1);
    }
  });

  test('navigation away and new windows from the page are denied; the documentation link goes to the OS browser', async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    const contents = standIn.allWindows[0]!.webContents;
    const appUrl = page.url();

    // A script sends the page elsewhere: main prevents it, and the page stays and still talks to main.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://evil.test/steal';
    });
    await expect.poll(() => contents.navigations).toEqual([{ url: 'https://evil.test/steal', prevented: true }]);
    expect(page.url()).toBe(appUrl);
    expect(await page.evaluate(() => (globalThis as unknown as Win).latch.app.ping({ echo: 'still' }))).toEqual({
      echo: 'still',
    });

    // window.open and a target=_blank link: main's handler is asked, denies, and no window is left.
    await page.evaluate(() => {
      (globalThis as unknown as { open(url: string, name: string, features: string): unknown }).open(
        'https://docs.example.com/',
        'docs',
        'width=400',
      );
    });
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: MiniDocument };
      const link = document.createElement('a') as unknown as { href: string; target: string; textContent: string };
      Object.assign(link, { href: 'https://evil.test/tab', target: '_blank', textContent: 'away' });
      document.body.append(link);
    });
    await page.getByRole('link', { name: 'away' }).click();
    await expect
      .poll(() => contents.windowOpens.map((o) => [o.details.url, o.details.disposition, o.action]))
      .toEqual([
        ['https://docs.example.com/', 'new-window', 'deny'],
        ['https://evil.test/tab', 'foreground-tab', 'deny'],
      ]);
    await expect.poll(() => page.context().pages().length).toBe(1);
    expect(standIn.allWindows).toHaveLength(1);
    expect(standIn.recorded.openedExternal).toEqual([]);

    // The app's own page is not denied: the same check lets it through.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = '/index.html?again';
    });
    await expect.poll(() => page.url()).toContain('/index.html?again');
    expect(contents.navigations.at(-1)).toEqual({ url: 'latch-app://bundle/index.html?again', prevented: false });

    // The Help menu's documentation link goes to the OS browser.
    standIn.applicationMenu?.click(['help', 'Latch Documentation']);
    await expect.poll(() => standIn.recorded.openedExternal).toEqual([DOC_LINKS.readme]);
  });

  test('the wheel alone keeps the vault open: a scroll in the window counts as activity for the auto-lock', async ({
    boot,
  }) => {
    test.setTimeout(90_000);
    // 15 s (main's stored settings take a fraction; Settings offers whole minutes).
    const { standIn, mainPage } = await boot({ settings: { autoLockMinutes: 0.25 } });
    const page = await mainPage();
    await createByApi(page);
    const unlockedBy = Date.now();
    await page.waitForTimeout(8_000);
    // The wheel gives the page no activation, so the renderer's own ping (a press) cannot stand in for it.
    await standIn.allWindows[0]!.webContents.wheel(0, 300);
    const scrolledAt = Date.now();
    // Without the scroll it locks 15 s after the unlock.
    await page.waitForTimeout(Math.max(0, unlockedBy + 19_000 - Date.now()));
    expect(await state(page)).toBe('unlocked');
    // It still locks: 15 s after the scroll.
    await expect.poll(() => state(page), { timeout: 20_000 }).toBe('locked');
    expect(Date.now() - scrolledAt).toBeGreaterThanOrEqual(14_000);
  });
});

test.describe('lock', () => {
  test('Lock Now in the menu and its shortcut follow the vault state and lock it in main', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await expect.poll(() => lockNow(standIn)?.enabled).toBe(false);
    expect(standIn.applicationMenu?.click(['Vault', 'Lock Now'])).toBe(false);

    await createVault(page);
    await expect.poll(() => lockNow(standIn)?.enabled).toBe(true);
    expect(standIn.applicationMenu?.click(['Vault', 'Lock Now'])).toBe(true);
    await expect.poll(() => state(page)).toBe('locked');
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
    await expect.poll(() => lockNow(standIn)?.enabled).toBe(false);
    expect(standIn.applicationMenu?.pressAccelerator('CommandOrControl+Shift+K')).toBe(false);

    await unlockByApi(page);
    await expect.poll(() => lockNow(standIn)?.enabled).toBe(true);
    expect(standIn.applicationMenu?.pressAccelerator('CommandOrControl+Shift+K')).toBe(true);
    await expect.poll(() => state(page)).toBe('locked');
  });

  test('the tray menu is rebuilt on lock, unlock and a service change, shows labels only, and its copy goes to the X clipboard and is cleared on lock', async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    const tray = () => standIn.tray!;
    await expect.poll(() => tray().menu?.labels()).toContain('No vault yet');
    const built = () => tray().menus.length;

    await createByApi(page);
    await expect.poll(() => tray().menu?.labels()).toContain('Latch is unlocked');
    expect(tray().toolTip).toBe('Latch (unlocked)');

    let before = built();
    await seed(page);
    // The service, then its key: one rebuild each.
    await expect.poll(() => tray().menu?.labels()).toContain('Copy key');
    expect(built()).toBeGreaterThan(before);
    expect(JSON.stringify(tray().menu?.items)).not.toContain(SECRET);
    expect(tray().menu?.labels()).toEqual(expect.arrayContaining(['Favourites', 'Copy key', 'Lock', 'Quit Latch']));

    tray().menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);

    before = built();
    tray().menu?.click(['Lock']);
    await expect.poll(() => state(page)).toBe('locked');
    await expect.poll(() => tray().menu?.labels()).toContain('Latch is locked');
    expect(built()).toBeGreaterThan(before);
    expect(tray().toolTip).toBe('Latch (locked)');
    await expect.poll(() => standIn.clipboard.readText()).toBe('');
    expect(tray().image.isEmpty()).toBe(false);

    before = built();
    await unlockByApi(page);
    await expect.poll(() => tray().menu?.labels()).toContain('Copy key');
    expect(built()).toBeGreaterThan(before);
  });

  test('suspend and screen lock lock the vault', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    standIn.powerMonitor.emit('suspend');
    await expect.poll(() => state(page)).toBe('locked');
    await unlockByApi(page);
    standIn.powerMonitor.emit('lock-screen');
    await expect.poll(() => state(page)).toBe('locked');
  });
});

test.describe('quick access', () => {
  test('the global shortcut opens the palette window, with the palette options; Enter there copies and hides it', async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    await seed(page);
    expect([...standIn.shortcuts.keys()]).toEqual([SHORTCUT]);
    standIn.shortcuts.get(SHORTCUT)!();
    await expect.poll(() => standIn.allWindows.length).toBe(2);
    const palette = standIn.allWindows[1]!;
    expect(palette.options).toEqual(
      quickAccessWindowOptions({ preloadPath: PRELOAD, isPackaged: false, darkBackground: false }),
    );
    expect(palette.isVisible()).toBe(true);
    const palettePage = await palette.page();
    await expect.poll(() => palettePage.url()).toContain('#/quick-access');
    // The palette is trusted like the main window: its calls pass the sender check.
    expect(await palettePage.evaluate(() => (globalThis as unknown as Win).latch.app.ping({ echo: 'p' }))).toEqual({
      echo: 'p',
    });
    standIn.shortcuts.get(SHORTCUT)!();
    expect(palette.isVisible()).toBe(false);
    // Shown again: the key press is the gesture quick.copy needs through the real preload.
    standIn.shortcuts.get(SHORTCUT)!();
    expect(palette.isVisible()).toBe(true);
    const search = palettePage.getByRole('combobox', { name: 'Search services and credentials' });
    await search.fill('stripe live');
    await expect(palettePage.getByRole('option')).toHaveCount(1);
    await search.press('Enter');
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);
    await expect.poll(() => palette.isVisible()).toBe(false);
  });

  test('a refused shortcut tells the user and offers fallbacks', async ({ boot }) => {
    const { standIn, mainPage } = await boot({ refusedShortcuts: [SHORTCUT] });
    const page = await mainPage();
    expect(standIn.shortcuts.size).toBe(0);
    expect(standIn.recorded.notifications).toContainEqual(
      expect.objectContaining({ title: 'Shortcut not available', body: expect.stringContaining(SHORTCUT) }),
    );
    const status = await page.evaluate(() => (globalThis as unknown as Win).latch.quick.shortcut({}));
    expect(status.state).toBe('refused');
    expect(status.fallbacks.length).toBeGreaterThan(0);
  });
});

test.describe('lifecycle', () => {
  test('quit clears the clipboard Latch wrote, then quits', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    await seed(page);
    await expect.poll(() => standIn.tray?.menu?.labels()).toContain('Copy key');
    standIn.tray?.menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);
    standIn.app.quit();
    await expect.poll(() => standIn.app.quit_).toBe(true);
    expect(await standIn.clipboard.readText()).toBe('');
    // Held once to clear, then quit for real.
    expect(standIn.recorded.quitRequests).toBe(2);
  });

  test('quit leaves alone what the user copied since', async ({ boot }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    await seed(page);
    await expect.poll(() => standIn.tray?.menu?.labels()).toContain('Copy key');
    standIn.tray?.menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);
    await standIn.clipboard.writeText('something the user copied');
    standIn.app.quit();
    await expect.poll(() => standIn.app.quit_).toBe(true);
    expect(await standIn.clipboard.readText()).toBe('something the user copied');
  });

  test("the harness waits out a quit main holds, so main's late quit cannot reach the next test's app", async ({
    boot,
  }) => {
    const first = await boot();
    const page = await first.mainPage();
    await createByApi(page);
    await seed(page);
    await expect.poll(() => first.standIn.tray?.menu?.labels()).toContain('Copy key');
    first.standIn.tray?.menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => first.standIn.clipboard.readText()).toBe(SECRET);
    // What the fixture does after each test.
    await quitMain(first.standIn);
    // Held once to clear the clipboard (child processes), then quit for real, both before quitMain returned.
    expect(first.standIn.recorded.quitRequests).toBe(2);
    const next = await boot();
    const nextPage = await next.mainPage();
    await createByApi(nextPage);
    expect(next.standIn.recorded.quitRequests).toBe(0);
  });

  test('a second instance focuses the first, and quits itself', async ({ boot }) => {
    const first = await boot();
    await first.mainPage();
    const win = first.standIn.allWindows[0]!;
    win.hide();
    first.standIn.app.emit('second-instance', {}, [], ROOT, {});
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);

    const second = await boot({ secondInstance: true });
    expect(second.standIn.recorded.quitRequests).toBe(1);
    expect(second.standIn.allWindows).toEqual([]);
    expect(second.standIn.ipcHandlers.size).toBe(0);
  });
});

test.describe('errors in main', () => {
  test('an error in a tray command is caught and shown without the secret, and the app keeps running', async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    await seed(page);
    await expect.poll(() => standIn.tray?.menu?.labels()).toContain('Copy key');
    standIn.clipboard.failNextWrite = new Error(`xclip could not take ${SECRET}`);
    standIn.tray?.menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => standIn.recorded.errorBoxes.length).toBe(1);
    expect(JSON.stringify(standIn.recorded.errorBoxes)).not.toContain(SECRET);
    // Still running: the next copy works and the page still talks to main.
    standIn.tray?.menu?.click(['Stripe', 'Copy key']);
    await expect.poll(() => standIn.clipboard.readText()).toBe(SECRET);
    expect(await page.evaluate(() => (globalThis as unknown as Win).latch.app.ping({ echo: 'alive' }))).toEqual({
      echo: 'alive',
    });
  });

  test("an exception in main's timer is logged without secrets, a failing event handler is caught, and the app keeps running", async ({
    boot,
  }) => {
    const { standIn, mainPage } = await boot();
    const page = await mainPage();
    await createByApi(page);
    await seed(page, true);
    const tray = standIn.tray!;
    // A TOTP code in the tray menu: main re-renders it every second from a setInterval.
    await expect.poll(() => tray.menu?.labels().some((l) => l.includes(' s left)'))).toBe(true);

    // Only main's own guard listens for these while the errors happen (Playwright's listener
    // would fail the test on any of them, which is its job elsewhere).
    const guard = (process as unknown as Record<symbol, ProcessGuard>)[PROCESS_GUARD]!;
    const saved = {
      rejection: process.listeners('unhandledRejection'),
      exception: process.listeners('uncaughtException'),
    };
    process.removeAllListeners('unhandledRejection').removeAllListeners('uncaughtException');
    process.on('unhandledRejection', guard.onRejection).on('uncaughtException', guard.onException);
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    try {
      tray.failNextMenu = { error: new Error(`menu failed for ${SECRET}`), fromTimer: true };
      await expect.poll(() => logged.join('\n')).toContain('latch: uncaught exception in main (Error)');

      // A failing tray refresh on a service change is caught in main itself: the guard sees
      // nothing of it. (The guard's own unhandled-rejection path: test/unit/desktop/process-guard.test.ts.)
      tray.failNextMenu = { error: new Error(`menu failed for ${SECRET}`), withLabel: 'GitHub' };
      const seen = logged.length;
      await page.evaluate(() =>
        (globalThis as unknown as Win).latch.services.create({ service: { name: 'GitHub', favourite: true } }),
      );
      await expect.poll(() => tray.failNextMenu).toBeNull();
      expect(logged.slice(seen).filter((l) => l.includes('unhandled rejection'))).toEqual([]);
    } finally {
      console.error = original;
      process.removeAllListeners('unhandledRejection').removeAllListeners('uncaughtException');
      for (const l of saved.rejection) process.on('unhandledRejection', l);
      for (const l of saved.exception) process.on('uncaughtException', l);
    }
    expect(logged.join('\n')).not.toContain(SECRET);
    // Still running: the countdown goes on and the page still talks to main.
    const built = tray.menus.length;
    await expect.poll(() => tray.menus.length).toBeGreaterThan(built);
    await page.evaluate(() =>
      (globalThis as unknown as Win).latch.services.create({ service: { name: 'Linear', favourite: true } }),
    );
    await expect.poll(() => tray.menu?.labels()).toContain('Linear');
  });
});
