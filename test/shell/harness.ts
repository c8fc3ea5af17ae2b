/**
 * Fixtures for the shell harness: each test gets the real built main process running
 * against a fresh Electron stand-in (test/shell/stand-in), its own data folder, and
 * Chromium behind its windows. After each test: nothing main touched was unoffered, and
 * no promise in main was left rejected without a handler.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../main/core/model/settings';
import { bootMain } from './stand-in/boot';
import type { ElectronStandIn, StandInOptions } from './stand-in/electron-stand-in';

export const ROOT = join(import.meta.dirname, '../..');
export const MAIN = join(ROOT, 'out/main/index.js');
export const MASTER = 'correct horse battery staple';

export interface Booted {
  standIn: ElectronStandIn;
  /** The main window's page, once main has loaded it. */
  mainPage(): Promise<Page>;
  dataDir: string;
}

type BootOptions = Partial<Pick<StandInOptions, 'isPackaged' | 'secondInstance' | 'refusedShortcuts'>> & {
  /** Main's stored settings at start (electron-store's settings.json in the data folder). */
  settings?: Partial<Settings>;
};

export const test = base.extend<
  { boot: (options?: BootOptions) => Promise<Booted>; unhandled: unknown[] },
  { chromiumBrowser: Browser }
>({
  chromiumBrowser: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: process.env.LATCH_CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  unhandled: async ({}, use) => {
    const seen: unknown[] = [];
    const onRejection = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', onRejection);
    await use(seen);
    process.off('unhandledRejection', onRejection);
  },
  boot: async ({ chromiumBrowser, unhandled }, use) => {
    const booted: Booted[] = [];
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    await use(async (options = {}) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'latch-shell-'));
      if (options.settings)
        writeFileSync(
          join(dataDir, 'settings.json'),
          JSON.stringify({ settings: { ...DEFAULT_SETTINGS, ...options.settings } }),
        );
      const standIn = await bootMain(MAIN, {
        browser: chromiumBrowser,
        userData: dataDir,
        appPath: ROOT,
        version,
        isPackaged: options.isPackaged ?? false,
        secondInstance: options.secondInstance ?? false,
        refusedShortcuts: options.refusedShortcuts ?? [],
      });
      const b: Booted = {
        standIn,
        dataDir,
        mainPage: async () => {
          await expect.poll(() => standIn.allWindows.length, { message: 'main opens its window' }).toBeGreaterThan(0);
          const win = standIn.allWindows[0]!;
          const page = await win.page();
          await expect.poll(() => page.url()).toContain('stand-in.test');
          // Asked from outside the page: Playwright's evaluate is a user gesture, which would give the page
          // the activation the "a script without a click" tests must not have.
          await expect.poll(() => standIn.mainServes(win), { message: 'main serves calls from its window' }).toBe(true);
          return page;
        },
      };
      booted.push(b);
      return b;
    });
    for (const b of booted) {
      await quitMain(b.standIn);
      await b.standIn.close();
      rmSync(b.dataDir, { recursive: true, force: true });
      expect(b.standIn.unoffered.names, 'main asked the stand-in for something it does not offer').toEqual([]);
    }
    expect(unhandled, 'unhandled rejections in main').toEqual([]);
  },
});

export { expect };

/**
 * Quits the way Electron does, so main's timers and tray go away with its test, and waits until main has
 * quit. Main holds a quit while it clears a secret it copied (child processes for the X selections) and
 * quits again once done; `app` in main means whichever stand-in is current (stand-in/electron-module.mjs),
 * so a late quit would land on the next test's app and close the window its page talks from.
 */
export async function quitMain(standIn: ElectronStandIn): Promise<void> {
  if (!standIn.app.quit_) standIn.app.quit();
  await expect.poll(() => standIn.app.quit_, { message: 'main finishes quitting' }).toBe(true);
}

/** Creates the vault through the first-run screen and waits for the unlocked app. */
export async function createVault(page: Page, password = MASTER): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByLabel('Master password again').fill(password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
}
