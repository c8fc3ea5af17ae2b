/**
 * The desktop smoke, one spec for two runs: the built main against the Electron stand-in
 * (always), and the same steps in real Electron through Playwright's _electron.launch where
 * a binary is present (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist after
 * `npm start` fetched it). Here, without one, the real-Electron run is skipped and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type Page } from '@playwright/test';
import type { LatchApi } from '../../preload/api';
import { gatherFacts } from '../../scripts/desktop/electron-install';
import { planStart } from '../../scripts/desktop/plan';
import { type Booted, createVault, expect, ROOT, test } from './harness';

/** What the smoke needs from a running desktop app, whichever runs it. */
interface SmokeApp {
  page: Page;
  lockNowEnabled(): Promise<boolean>;
  clickLockNow(): Promise<void>;
  close(): Promise<void>;
}

function fromStandIn(booted: Booted, page: Page): SmokeApp {
  const item = () => booted.standIn.applicationMenu?.find(['Vault', 'Lock Now']);
  return {
    page,
    lockNowEnabled: async () => item()?.enabled !== false,
    clickLockNow: async () => {
      booted.standIn.applicationMenu?.click(['Vault', 'Lock Now']);
    },
    close: async () => undefined,
  };
}

async function launchElectron(executablePath: string): Promise<SmokeApp> {
  const home = mkdtempSync(join(tmpdir(), 'latch-electron-'));
  const app = await _electron.launch({
    executablePath,
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } as Record<string, string>,
  });
  const page = await app.firstWindow();
  const menuItem = (click: boolean) =>
    app.evaluate(({ Menu }, click) => {
      const vault = Menu.getApplicationMenu()?.items.find((i) => i.label === 'Vault');
      const item = vault?.submenu?.items.find((i) => i.label === 'Lock Now');
      if (click && item?.enabled) item.click();
      return item?.enabled ?? false;
    }, click);
  return {
    page,
    lockNowEnabled: () => menuItem(false),
    clickLockNow: async () => {
      await menuItem(true);
    },
    close: async () => {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const electron = (() => {
  const plan = planStart(gatherFacts());
  return plan.kind === 'run' ? plan.executable : null;
})();

const runs: { name: string; skip: string | null }[] = [
  { name: 'Electron stand-in', skip: null },
  {
    name: 'real Electron',
    skip:
      electron === null
        ? 'no Electron binary on this machine: set ELECTRON_OVERRIDE_DIST_PATH to the folder of an Electron 44, or run `npm start` once with a network (it fetches node_modules/electron/dist)'
        : null,
  },
];

// Playwright's list reporter shows a skip without its reason: say it once here.
if (electron === null) console.log(`desktop smoke: the real-Electron run is skipped: ${runs[1]?.skip}`);

for (const run of runs) {
  test.describe(`desktop smoke (${run.name})`, () => {
    test.skip(run.skip !== null, run.skip ?? '');

    test('starts, answers the page through the preload, and Lock Now follows and locks the vault', async ({ boot }) => {
      let app: SmokeApp;
      if (run.name === 'real Electron') app = await launchElectron(electron!);
      else {
        const booted = await boot();
        app = fromStandIn(booted, await booted.mainPage());
      }
      try {
        const { page } = app;
        await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible({ timeout: 20_000 });
        const echo = await page.evaluate(() =>
          (globalThis as unknown as { latch: LatchApi }).latch.app.ping({ echo: 'smoke' }),
        );
        expect(echo).toEqual({ echo: 'smoke' });
        await expect.poll(() => app.lockNowEnabled()).toBe(false);
        await createVault(page);
        await expect.poll(() => app.lockNowEnabled()).toBe(true);
        await app.clickLockNow();
        await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible({ timeout: 20_000 });
        await expect.poll(() => app.lockNowEnabled()).toBe(false);
      } finally {
        await app.close();
      }
    });
  });
}
