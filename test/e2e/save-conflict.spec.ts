/**
 * The command line writes the vault while the app has it open: the app's next save fails,
 * the banner says so, and "Reload and re-apply" keeps both changes.
 */
import { ServiceStore } from '../../main/core/credentials/service-store';
import { systemClock } from '../../main/core/platform';
import { openVault } from '../../main/core/vault/open';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi, MASTER } from './vault-helpers';

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

  const failed = await host.composed.dispatch(
    'services.create',
    { service: { name: 'Added in the app' } },
    { transport: 'browser-host' },
  );
  expect(failed.ok ? null : failed.error.code).toBe('ERR_VAULT_CHANGED_ON_DISK');

  const banner = app.getByTestId('save-failed-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('another program');
  await screenshot(app, 'save-failed-banner');

  await banner.getByRole('button', { name: 'Reload and re-apply' }).click();
  await expect(banner).toBeHidden();
  const names = host.composed.services.credentials.summaries().map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['Added by the CLI', 'Added in the app']));

  // The lock that used to be refused for good now works.
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('button', { name: 'Unlock' })).toBeVisible();
});
