/**
 * A vault whose only service holds nothing but one-time codes is not empty: the Services list said
 * "0 services" and "No services yet" beside a "Codes only (1)" chip.
 */
import { expect, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

test('a vault with one codes-only service says so and shows it, not "No services yet"', async ({ app, host }) => {
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', { service: { name: 'Bank' } });
  await call(host, 'credentials.add', {
    serviceId: svc.id,
    kind: 'totp',
    name: 'Web 2FA',
    fields: { secret: 'JBSWY3DPEHPK3PXP' },
  });
  await app.reload();

  await expect(app.getByRole('heading', { name: 'One service holds only one-time codes' })).toBeVisible();
  await expect(app.getByText('No services yet')).toHaveCount(0);
  await expect(app.getByText('0 services')).toHaveCount(0);
  await app.getByRole('button', { name: 'Show it' }).click();
  await expect(app.getByRole('button', { name: 'Codes only (1)' })).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByRole('listbox', { name: 'Services' }).getByRole('option', { name: /Bank/ })).toBeVisible();
});
