import { defineConfig } from '@playwright/test';

export default defineConfig({
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1180, height: 760 },
    launchOptions: {
      executablePath: process.env.LATCH_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'e2e', testDir: 'test/e2e' },
    // The real built main process against the Electron stand-in (docs/architecture.md).
    { name: 'shell', testDir: 'test/shell' },
  ],
});
