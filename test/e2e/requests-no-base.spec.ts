/**
 * A path sent for a service with no base URL: the app said "ERR_BAD_INPUT The URL is not valid…",
 * which neither named the cause nor what to do, and led with a code the user cannot use.
 */
import { expect, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

test('a path for a service without a base URL says the service has none and what to do', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await call(host, 'services.create', { service: { name: 'Status page' } });
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await expect(app.getByLabel('Service', { exact: true }).locator('option:checked')).toHaveText('Status page');
  await app.getByLabel('URL').fill('/api/v1/status');
  await app.getByRole('button', { name: 'Send' }).click();

  const notice = app.locator('.req-notice--bad');
  await expect(notice).toHaveText(
    'This service has no base URL: type a full https:// URL, or add a base URL to the service.',
  );
  await expect(notice).not.toContainText('ERR_');
});
