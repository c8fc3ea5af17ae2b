/**
 * What a screen reader's list of buttons reads on a service page with several credentials: every button
 * named so it can be told apart. Before, each card said "Edit", "Rotate", "Copy as env line" and "Copy
 * reference" with no credential in the name, and a Basic and a Digest login both said "Copy Password".
 */
import { expect, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

test('every button on a service page has a name of its own', async ({ app, host }) => {
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', { service: { name: 'Intranet' } });
  const add = (kind: string, name: string, fields: Record<string, unknown>) =>
    call(host, 'credentials.add', { serviceId: svc.id, kind, name, fields });
  await add('basic', 'Wiki login', { username: 'me', password: 'pw-names-1' });
  await add('digest', 'Camera login', { username: 'me', password: 'pw-names-2' });
  await add('api-key', 'Search key', { value: 'key-names-3', header: 'X-Api-Key' });
  await app
    .getByRole('listbox', { name: 'Services' })
    .getByRole('option', { name: /Intranet/ })
    .click();
  await expect(app.getByTestId('credential-card')).toHaveCount(3);

  const names = await app
    .locator('main')
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  expect(repeated, `buttons read alike: ${[...new Set(repeated)].join(', ')}`).toEqual([]);
  // The words on screen stay at the start of the name, for speech control ("click Edit").
  await expect(app.getByRole('button', { name: 'Edit Wiki login', exact: true })).toHaveText('Edit');
  await expect(app.getByRole('button', { name: 'Copy Password of Camera login', exact: true })).toHaveText('Copy');
});
