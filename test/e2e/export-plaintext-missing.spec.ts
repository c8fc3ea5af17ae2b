/**
 * "Export in plain text" in its dialog was disabled until the master password was typed: no reason
 * given, and Tab skipped it. Now it can be reached and pressed, and the missing password is named and
 * focused, as the encrypted export does.
 */
import { expect, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

test('Export in plain text can be reached and pressed; a missing master password is named and focused', async ({
  app,
}) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  await app.getByRole('button', { name: 'Export as plain text…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export every secret in plain text?' });
  const exportButton = dialog.getByRole('button', { name: 'Export in plain text' });
  await expect(exportButton).toBeEnabled();
  await exportButton.focus();
  await exportButton.press('Enter');

  const master = dialog.getByLabel('Master password', { exact: true });
  await expect(dialog.getByText('Type your master password.')).toBeVisible();
  await expect(master).toBeFocused();
  await expect(master).toHaveAttribute('aria-invalid', 'true');

  // Typed, the message goes; closed and opened again, the dialog starts clean.
  await master.fill('anything');
  await expect(dialog.getByText('Type your master password.')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await app.getByRole('button', { name: 'Export as plain text…' }).click();
  await expect(dialog.getByText('Type your master password.')).toHaveCount(0);
});
