import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi, settingsOfNewVault } from './vault-helpers';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

test('the app loads and the About panel shows what main reports', async ({ app, dataDir }) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'About' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'About', exact: true })).toBeVisible();
  await expect(app.getByTestId('about-version')).toHaveText(pkg.version);
  await expect(app.getByTestId('about-vault-path')).toHaveText(join(dataDir, 'vault.latch'));
  await expect(app.getByTestId('about-platform')).toContainText(process.platform);
  await expect(app.getByTestId('about-runtime')).toHaveText(`Node ${process.versions.node}`);
  await expect(app.getByTestId('about-transport')).toContainText('Browser host');
  await expect(app.getByTestId('about-keychain')).toContainText(/Reachable|Not reachable/);
  // The secret token never stays in the address bar.
  expect(app.url()).not.toContain('token=');
  await screenshot(app, 'about');
});

test('settings change the theme and survive a reload', async ({ app }) => {
  await settingsOfNewVault(app);
  await app.getByLabel('Theme').selectOption('dark');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.reload();
  // A reload keeps the vault unlocked in main; the page shows the app again in the chosen theme.
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  await app.getByRole('button', { name: 'About' }).click();
  await screenshot(app, 'about-dark');
});
