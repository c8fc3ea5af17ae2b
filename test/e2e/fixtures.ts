/**
 * Each test gets its own browser host (real renderer, real core) over a fresh data
 * folder, and a page already opened on the host's secret URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { noWatching } from '../../main/app/vault/file-watcher';
import { createHostApp, type HostApp } from '../host/host-app';

export const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

export const test = base.extend<{ host: HostApp; app: Page; dataDir: string; watchVault: boolean }>({
  /** Whether the host watches the unlocked vault's file and reloads what another program wrote (the app does). */
  watchVault: [true, { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir, watchVault }, use) => {
    const host = await createHostApp({ dataDir, ...(watchVault ? {} : { watcher: noWatching }) });
    await use(host);
    await host.close();
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url);
    await use(page);
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
