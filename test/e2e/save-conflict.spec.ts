/**
 * The command line writes the vault while the app has it open: the app's next save fails,
 * the banner says so, and "Reload and re-apply" keeps both changes.
 */
import { ServiceStore } from '../../main/core/credentials/service-store';
import { systemClock } from '../../main/core/platform';
import { openVault } from '../../main/core/vault/open';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi, MASTER } from './vault-helpers';

const OTHER_PASSWORD = 'set in another terminal';

test('a save that fails after another program wrote the vault shows the banner; reload and re-apply keeps both', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  const path = host.composed.services.vault.path;
  // What `latch add` does from another process.
  const other = await openVault({ path, password: MASTER });
  await new ServiceStore(other, systemClock).createService({ name: 'Added by the CLI' });
  other.lock();

  // The app's add fails to save; main holds the service for the banner's choices. The dialog must
  // not offer "Add service" again: a second click added a second copy.
  await app.getByRole('button', { name: 'Add service' }).first().click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Service name').fill('Added in the app');
  await dialog.getByRole('button', { name: 'Add service' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Your change is kept in this window but not saved');
  await expect(dialog.getByRole('button', { name: 'Add service' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('.svc-list').getByText('Added in the app', { exact: true })).toHaveCount(1);

  const banner = app.getByTestId('save-failed-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('another program');
  await screenshot(app, 'save-failed-banner');

  await banner.getByRole('button', { name: 'Reload and re-apply' }).click();
  await expect(banner).toBeHidden();
  const names = host.composed.services.credentials.summaries().map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['Added by the CLI', 'Added in the app']));
  expect(names.filter((n) => n === 'Added in the app')).toHaveLength(1);
  await expect(app.locator('.svc-list').getByText('Added in the app', { exact: true })).toHaveCount(1);

  // The lock that used to be refused for good now works.
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('button', { name: 'Unlock' })).toBeVisible();
});

test('an automatic lock that cannot save, with the failed dialog still open, names the lost change on the unlock screen', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  const vault = host.composed.services.vault;
  // `latch passwd --rekey` in a terminal while the app has the vault open: the app's save conflicts,
  // and re-applying its change onto the file cannot work either (the records are under a key the app
  // does not hold). Another writer, not a read-only folder: the suite may run as root, who writes anyway.
  const other = await openVault({ path: vault.path, password: MASTER });
  await other.changePasswordAndRekey(MASTER, OTHER_PASSWORD, { backups: 'delete', backupFiles: [] });
  other.lock();

  await app.getByRole('button', { name: 'Add service' }).first().click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Service name').fill('Unsaved in the app');
  await dialog.getByRole('button', { name: 'Add service' }).click();
  // The dialog stays open and says why, so nothing typed is thrown away; the banner behind it offers the ways out.
  await expect(dialog.getByRole('alert')).toContainText('The vault file was changed since it was opened');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Add service' })).toHaveCount(0);
  await screenshot(app, 'save-failed-dialog');

  // The user walks away: the idle lock still comes with the dialog open. It saves first, cannot, and
  // locks anyway (an automatic lock cannot wait for an answer), saying what it dropped.
  vault.updateSettings({ autoLockMinutes: 0.01 });
  const lost = app.getByTestId('lost-changes');
  await expect(lost).toContainText('could not save your last changes');
  await expect(lost).toContainText('service "Unsaved in the app"');
  await expect(dialog).toBeHidden();
  await screenshot(app, 'unlock-lost-changes');

  // Unlocking opens the file as it is on disk: the other program's password, without the lost service.
  vault.updateSettings({ autoLockMinutes: 10 });
  await app.getByLabel('Master password').fill(OTHER_PASSWORD);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  expect(host.composed.services.credentials.summaries().map((s) => s.name)).not.toContain('Unsaved in the app');
});
