/**
 * Export encrypted backup was disabled until its three fields were filled: no reason given, and Tab
 * skipped it. Now it can be reached and pressed, and a missing field is named and focused.
 */
import { expect, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

test('Export encrypted backup can be reached and pressed; missing fields are named and the first focused', async ({
  app,
}) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  const exportButton = app.getByRole('button', { name: 'Export encrypted backup' });
  await expect(exportButton).toBeEnabled();
  await app.getByLabel('Backup password', { exact: true }).fill('short');
  await exportButton.click();

  await expect(app.getByText('Type your master password.')).toBeVisible();
  await expect(app.getByText('The backup password needs at least 8 characters.')).toBeVisible();
  await expect(app.getByText('Type the backup password again.')).toBeVisible();
  await expect(app.getByLabel('Master password', { exact: true })).toBeFocused();

  // Fixed one by one, the focus goes to the next field still wrong.
  await app.getByLabel('Master password', { exact: true }).fill('anything');
  await expect(app.getByText('Type your master password.')).toHaveCount(0);
  await exportButton.click();
  await expect(app.getByLabel('Backup password', { exact: true })).toBeFocused();
});
