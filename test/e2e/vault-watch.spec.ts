/**
 * The app unlocked, the command line (here: a second session on the same file, as `latch add` opens one) adds a
 * service: the Services list shows it within a few seconds, without a lock and unlock or a reload of the page.
 */
import { ServiceStore } from '../../main/core/credentials/service-store';
import { systemClock } from '../../main/core/platform';
import { openVault } from '../../main/core/vault/open';
import { expect, test } from './fixtures';
import { createVaultThroughUi, MASTER } from './vault-helpers';

test('a service another program adds to the unlocked vault shows in the Services list without a lock', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  // A page reload would drop this: the list must change in the page as it is.
  await app.evaluate(() => {
    (globalThis as unknown as { stillThisPage: boolean }).stillThisPage = true;
  });

  const other = await openVault({ path: host.composed.services.vault.path, password: MASTER });
  await new ServiceStore(other, systemClock).createService({ name: 'Stripe' });
  other.lock();

  await expect(app.locator('.svc-list').getByText('Stripe', { exact: true })).toBeVisible({ timeout: 10_000 });
  expect(await app.evaluate(() => (globalThis as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  await expect(app.getByTestId('save-failed-banner')).toHaveCount(0);
});
