/**
 * Preview in Import was disabled until a file was chosen, with no reason given, and Tab skipped it.
 * Now it can be pressed: with no file, the drop zone says one is needed and takes the focus.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

test('Preview with no file chosen names what is missing and focuses the drop zone', async ({ app }) => {
  await createVaultThroughUi(app);
  await app.getByRole('button', { name: 'Import & export' }).click();
  const preview = app.getByRole('button', { name: 'Preview' });
  await expect(preview).toBeEnabled();
  await preview.click();

  const zone = app.getByTestId('import-drop');
  const message = app.getByText('Choose a file to import first: press here, or drop one on it.');
  await expect(message).toBeVisible();
  await expect(zone).toBeFocused();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zone).toHaveAccessibleDescription('Choose a file to import first: press here, or drop one on it.');

  // A file chosen, the message goes and Preview works as before.
  await app.locator('#import-file').setInputFiles(join(FIXTURES, 'realistic.env'));
  await expect(zone).toContainText('realistic.env');
  await expect(message).toHaveCount(0);
  await preview.click();
  await expect(app.getByTestId('import-preview')).toBeVisible();
});
