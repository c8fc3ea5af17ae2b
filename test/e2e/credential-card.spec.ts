/**
 * A one-time-code card lists what its type uses: a time-based code its period, a counter-based
 * (HOTP) code its counter. A TOTP card said "Counter 0", a field it never uses.
 */
import { expect, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

test('a TOTP card shows its period and no counter; an HOTP card its counter and no period', async ({ app, host }) => {
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', { service: { name: 'Bank' } });
  const add = (name: string, fields: Record<string, unknown>) =>
    call(host, 'credentials.add', { serviceId: svc.id, kind: 'totp', name, fields });
  await add('Web 2FA', { secret: 'JBSWY3DPEHPK3PXP' });
  await add('Token card', { secret: 'JBSWY3DPEHPK3PXP', type: 'hotp' });
  // A service of codes alone is listed under "Codes only"; a key puts it in the main list.
  await call(host, 'credentials.add', {
    serviceId: svc.id,
    kind: 'bearer',
    name: 'API',
    fields: { token: 'tok-card-1' },
  });
  await app.getByRole('listbox', { name: 'Services' }).getByRole('option', { name: /Bank/ }).click();
  const card = (name: string) => app.getByTestId('credential-card').filter({ hasText: name });
  const terms = (name: string) => card(name).locator('dt').allTextContents();

  await expect(card('Web 2FA').locator('dt', { hasText: 'Period (seconds)' })).toBeVisible();
  expect(await terms('Web 2FA')).not.toContain('Counter');
  await expect(card('Token card').locator('dt', { hasText: 'Counter' })).toBeVisible();
  expect(await terms('Token card')).not.toContain('Period (seconds)');
});
