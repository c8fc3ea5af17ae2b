/**
 * Create vault submitted by Enter in its second box with errors: focus stayed there while the first
 * error was on the first box.
 */
import { expect, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

test('Create vault by Enter in the second box with both wrong: focus goes to the first box and its error', async ({
  app,
}) => {
  await expect(app.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await app.getByLabel('Master password', { exact: true }).fill('short');
  const again = app.getByLabel('Master password again');
  await again.fill('other');
  await again.press('Enter');
  const first = app.getByLabel('Master password', { exact: true });
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(again).toHaveAttribute('aria-invalid', 'true');
});

test('Create vault still works after a failed try', async ({ app }) => {
  await app.getByLabel('Master password', { exact: true }).fill('short');
  await app.getByLabel('Master password again').press('Enter');
  await createVaultThroughUi(app);
});
