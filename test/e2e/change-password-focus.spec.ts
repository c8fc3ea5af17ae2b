/**
 * A failed master-password change left the focus on the button (or nowhere, once it was disabled while
 * main answered) while the message sat on a field: it now goes to the first field with an error.
 */
import { expect, test } from './fixtures';
import { settingsOfNewVault } from './vault-helpers';

test('a new password refused by its checks focuses the first field with an error', async ({ app }) => {
  await settingsOfNewVault(app);
  await app.getByLabel('Current password').fill('anything');
  await app.getByLabel('New password', { exact: true }).fill('short');
  const again = app.getByLabel('New password again');
  await again.fill('short');
  await again.press('Enter');
  const first = app.getByLabel('New password', { exact: true });
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toBeFocused();
});

test('a wrong current password, said by main, focuses the current password field', async ({ app }) => {
  await settingsOfNewVault(app);
  const current = app.getByLabel('Current password');
  await current.fill('wrong one');
  await app.getByLabel('New password', { exact: true }).fill('a brand new password');
  await app.getByLabel('New password again').fill('a brand new password');
  await app.getByRole('button', { name: 'Change password' }).click();
  await expect(app.getByText('Wrong password.')).toBeVisible();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();
});

test('Change password and Apply are reachable with fields empty: pressed, they say what is missing and focus it', async ({
  app,
}) => {
  await settingsOfNewVault(app);
  const change = app.getByRole('button', { name: 'Change password' });
  await expect(change).toBeEnabled();
  await change.click();
  const current = app.getByLabel('Current password');
  await expect(app.getByText('Type your current password.')).toBeVisible();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();
  await expect(app.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await app.getByLabel('Iterations').fill('700000');
  const apply = app.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeEnabled();
  await apply.click();
  const master = app.getByLabel('Master password', { exact: true });
  await expect(app.getByText('Type your master password.')).toBeVisible();
  await expect(master).toHaveAttribute('aria-invalid', 'true');
  await expect(master).toBeFocused();
});
