import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi, MASTER } from './vault-helpers';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

test('import a .env file with a preview, then refuse a broken one naming its line', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Import & export' })).toBeVisible();
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

test('export an encrypted backup and plain text: the master password again, the file saved by main', async ({
  app,
  dataDir,
}) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  const exportsDir = join(dataDir, 'exports');
  await app.getByLabel('Master password').fill('not the master password');
  await app.getByLabel('Backup password', { exact: true }).fill('backup password 1');
  await app.getByLabel('Backup password again').fill('backup password 1');
  await app.getByRole('button', { name: 'Export encrypted backup' }).click();
  await expect(app.getByRole('alert')).toContainText(/password/i);
  expect(existsSync(exportsDir) ? readdirSync(exportsDir) : []).toEqual([]);

  await app.getByLabel('Master password').fill(MASTER);
  await app.getByRole('button', { name: 'Export encrypted backup' }).click();
  await expect(app.getByText(/Encrypted backup saved to/)).toBeVisible({ timeout: 15_000 });
  const [backup] = readdirSync(exportsDir);
  expect(backup).toMatch(/^latch-backup-\d{4}-\d{2}-\d{2}\.latch$/);
  await screenshot(app, 'export');

  await app.getByRole('button', { name: 'Export as plain text…' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Master password').fill(MASTER);
  await dialog.getByRole('button', { name: 'Export in plain text' }).click();
  await expect(app.getByText(/Plain-text export saved to/)).toBeVisible({ timeout: 15_000 });
  const plain = readdirSync(exportsDir).find((f) => f.endsWith('.json')) ?? '';
  expect(JSON.parse(readFileSync(join(exportsDir, plain), 'utf8')).format).toBe('latch-plaintext');
  expect(statSync(join(exportsDir, plain)).mode & 0o777).toBe(0o600);
});
