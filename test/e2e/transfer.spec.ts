import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

test('import a .env file with a preview, then refuse a broken one naming its line', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  await app.getByLabel('File').setInputFiles(join(FIXTURES, 'sample.env'));
  await app.getByLabel('Into service').fill('Payments');
  await app.getByRole('button', { name: 'Preview' }).click();
  const preview = app.getByTestId('import-preview');
  for (const v of ['STRIPE_API_KEY', 'GITHUB_TOKEN', 'DATABASE_URL', 'WEBHOOK_SECRET', 'PLAIN_VALUE'])
    await expect(preview).toContainText(v);
  // Values never reach the page, only names and kinds.
  await expect(preview).not.toContainText('sk_test_51Hsample');
  await expect(app.getByText('Skipped (empty values): EMPTY_ONE')).toBeVisible();
  await app.getByLabel('Import PLAIN_VALUE').uncheck();
  await screenshot(app, 'import-preview');
  await app.getByRole('button', { name: /Import 4 selected/ }).click();
  await expect(app.getByText('Imported 4 credentials into 1 service.')).toBeVisible();

  const list = await host.composed.dispatch('services.list', {}, { transport: 'browser-host' });
  expect(list.ok).toBe(true);
  const services = list.ok ? (list.value as { name: string; credentials: { name: string }[] }[]) : [];
  expect(services.map((s) => s.name)).toEqual(['Payments']);
  expect(services[0]?.credentials.map((c) => c.name).sort()).toEqual([
    'DATABASE_URL',
    'GITHUB_TOKEN',
    'STRIPE_API_KEY',
    'WEBHOOK_SECRET',
  ]);

  await app.getByLabel('File').setInputFiles(join(FIXTURES, 'bad.env'));
  await app.getByRole('button', { name: 'Preview' }).click();
  await expect(app.getByRole('alert')).toContainText('Line 4 of the .env file');
  const after = await host.composed.dispatch('services.list', {}, { transport: 'browser-host' });
  expect(after.ok && (after.value as unknown[]).length).toBe(1);
});

test('export an encrypted backup', async ({ app }) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  await app.getByLabel('Backup password', { exact: true }).fill('backup password 1');
  await app.getByLabel('Backup password again').fill('backup password 1');
  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export encrypted backup' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^latch-backup-\d{4}-\d{2}-\d{2}\.latch$/);
  await screenshot(app, 'export');
});
