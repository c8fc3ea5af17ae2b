/**
 * The command line writes the vault while the app has it open: the app's next save fails,
 * the banner says so, and "Reload and re-apply" keeps both changes.
 */

import type { Page } from '@playwright/test';
import { ServiceStore } from '../../main/core/credentials/service-store';
import { systemClock } from '../../main/core/platform';
import { openVault } from '../../main/core/vault/open';
import type { HostApp } from '../host/host-app';
import { expect, screenshot, test } from './fixtures';
import { SIZES } from './screen-checks';
import { createVaultThroughUi, MASTER } from './vault-helpers';

// The app reloads what another program wrote within a second (vault-watch.spec.ts); the banner is for the
// write it could not see before its own save (no watch events: a network or synced folder), so no watch here.
test.use({ watchVault: false });

const OTHER_PASSWORD = 'set in another terminal';

/** A fresh vault in the app, then what `latch add` does from another process: the app's next save conflicts. */
async function vaultWrittenByTheCli(app: Page, host: HostApp): Promise<string> {
  await createVaultThroughUi(app);
  const path = host.composed.services.vault.path;
  const other = await openVault({ path, password: MASTER });
  await new ServiceStore(other, systemClock).createService({ name: 'Added by the CLI' });
  other.lock();
  return path;
}

/** The screen as it is now at the two sizes the kept message is looked at. */
async function screenshotSizes(app: Page, name: string): Promise<void> {
  for (const size of SIZES.slice(0, 2)) {
    await app.setViewportSize(size);
    await screenshot(app, `${name}-${size.width}x${size.height}`);
  }
  await app.setViewportSize(SIZES[0]);
}

test('a save that fails after another program wrote the vault shows the banner; reload and re-apply keeps both', async ({
  app,
  host,
}) => {
  await vaultWrittenByTheCli(app, host);

  // The app's add fails to save; main holds the service for the banner's choices. The dialog must
  // not offer "Add service" again: a second click added a second copy.
  await app.getByRole('button', { name: 'Add service' }).first().click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Service name').fill('Added in the app');
  await dialog.getByRole('button', { name: 'Add service' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Your change is kept in this window but not saved');
  await expect(dialog.getByRole('button', { name: 'Add service' })).toHaveCount(0);
  // The submit that had focus went with the form: focus is on the way on, not lost to the page.
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
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

test('the code, OAuth client and import screens give way to the kept message too; re-apply saves one copy of each', async ({
  app,
  host,
}) => {
  const path = await vaultWrittenByTheCli(app, host);
  const nav = (label: string) =>
    app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();
  const dialog = app.getByRole('dialog');
  /** The save failed and main holds the change: the message, and no way to submit it a second time. */
  const givesWay = async (where: typeof dialog, submit: string | RegExp, focused: typeof dialog) => {
    await expect(where.getByTestId('change-kept')).toContainText('Your change is kept in this window but not saved');
    await expect(where.getByTestId('change-kept')).toContainText('The vault file was changed since it was opened');
    await expect(where.getByRole('button', { name: submit })).toHaveCount(0);
    // Focus moved to what is left (the dialog's Close, the page's notice), not lost with the submit.
    await expect(focused).toBeFocused();
  };
  const closeKept = async () => {
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  };

  await nav('Codes');
  await app.getByRole('button', { name: 'Add code' }).click();
  await dialog.getByLabel('Secret key').fill('JBSWY3DPEHPK3PXP');
  await dialog.getByLabel('Service').fill('Kept code service');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  const close = dialog.getByRole('button', { name: 'Close' });
  await givesWay(dialog, 'Add code', close);
  await screenshotSizes(app, 'change-kept-dialog');
  await closeKept();

  await nav('OAuth & JWT');
  await app.getByRole('button', { name: 'New OAuth client' }).click();
  await dialog.getByLabel('Service name').fill('Kept OAuth client');
  await dialog.getByLabel('Issuer').fill('https://login.example.com');
  await dialog.getByLabel('Client ID').fill('kept-client');
  await dialog.getByRole('button', { name: 'Add client' }).click();
  await givesWay(dialog, 'Add client', close);
  await closeKept();

  await nav('Import & export');
  await app.locator('#import-file').setInputFiles({
    name: 'kept.env',
    mimeType: 'text/plain',
    buffer: Buffer.from('KEPT_API_KEY=sk_live_kept_in_memory\n'),
  });
  await app.getByRole('button', { name: 'Preview' }).click();
  await app.getByRole('button', { name: 'Import 1 selected' }).click();
  const main = app.locator('main');
  await givesWay(main, /^Import \d+ selected$/, main.getByTestId('change-kept'));
  await expect(app.getByTestId('import-preview')).toHaveCount(0);
  await screenshotSizes(app, 'change-kept-import');

  const banner = app.getByTestId('save-failed-banner');
  await banner.getByRole('button', { name: 'Reload and re-apply' }).click();
  await expect(banner).toBeHidden();
  // One copy of each, in the file as the next unlock reads it.
  const saved = await openVault({ path, password: MASTER });
  const services = new ServiceStore(saved, systemClock).summaries();
  saved.lock();
  const kinds = (name: string) => services.filter((s) => s.name === name).map((s) => s.credentials.map((c) => c.kind));
  expect(kinds('Added by the CLI')).toEqual([[]]);
  expect(kinds('Kept code service')).toEqual([['totp']]);
  expect(kinds('Kept OAuth client')).toEqual([['oauth2']]);
  expect(kinds('kept')).toEqual([['api-key']]);
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
  // Auto-lock back to 10 minutes: longer, so main asks first (the test says yes).
  const longer = vault.weakenSettings({ autoLockMinutes: 10 });
  await host.confirmations.answerNext(true);
  await longer;
  await app.getByLabel('Master password').fill(OTHER_PASSWORD);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  expect(host.composed.services.credentials.summaries().map((s) => s.name)).not.toContain('Unsaved in the app');
});
