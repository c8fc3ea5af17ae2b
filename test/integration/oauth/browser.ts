/**
 * Playwright (playwright-core + Debian chromium) for the OAuth integration tests. Requests that
 * leave 127.0.0.1 (oidc-provider's pages import a web font) are aborted: tests stay offline.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { BrowserOpener } from '../../../main/core/platform';

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/** The BrowserOpener of the tests: tells the Playwright page to go to the URL (not awaited, like a real browser). */
export function pageOpener(page: Page, opened: string[] = []): BrowserOpener {
  return {
    open: async (url) => {
      opened.push(url);
      void page.goto(url).catch(() => undefined);
    },
  };
}

/** oidc-provider's development login page, then its consent page (skipped when already granted). */
export async function approveDevInteractions(page: Page, login = 'alice'): Promise<void> {
  await page.waitForSelector('input[name="login"]', { timeout: 10_000 });
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password');
  await page.click('button[type="submit"]');
  const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
  await consent.waitFor({ timeout: 10_000 });
  await consent.click();
}
