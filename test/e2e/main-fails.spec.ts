/**
 * What a screen says when main cannot answer: a failure, with what to do, never the screen of a good
 * answer. Health said "All credentials look healthy" when the health check itself had failed.
 */

import { failReplies } from './failed-bridge';
import { expect, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

test('Health says the check failed, and offers another try, when main cannot run it', async ({ app, host }) => {
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', { service: { name: 'Old API' } });
  await call(host, 'credentials.add', {
    serviceId: svc.id,
    kind: 'bearer',
    name: 'Expired token',
    fields: { token: 'tok-health-1' },
    expiresAt: Date.now() - 86_400_000,
  });
  const bridge = await failReplies(app, ['services.health']);
  await app.reload();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Health', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'The health check did not run' })).toBeVisible();
  await expect(app.getByRole('alert')).toContainText('The store could not be read.');
  await expect(app.getByText('All credentials look healthy')).toHaveCount(0);

  // Once main answers again, Try again shows the expired token.
  bridge.recover();
  await app.getByRole('button', { name: 'Try again' }).click();
  await expect(app.getByText('Expired token')).toBeVisible();
});

test('Codes and OAuth say their list could not be read, not "No one-time codes yet" or "No OAuth clients yet"', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', { service: { name: 'Forge' } });
  const add = (kind: string, name: string, fields: Record<string, unknown>) =>
    call(host, 'credentials.add', { serviceId: svc.id, kind, name, fields });
  await add('totp', 'Forge 2FA', { secret: 'JBSWY3DPEHPK3PXP', account: 'dev@forge.example' });
  await add('oauth2', 'Forge sign-in', {
    provider: 'custom',
    clientId: 'forge-client',
    authorizationEndpoint: 'https://login.forge.example/authorize',
    tokenEndpoint: 'https://login.forge.example/token',
  });
  const bridge = await failReplies(app, ['totp.list', 'oauth.tokens']);
  await app.reload();
  const nav = (label: string) =>
    app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();

  await nav('Codes');
  await expect(app.getByRole('heading', { name: 'Your codes could not be listed' })).toBeVisible();
  await expect(app.getByRole('alert')).toContainText('The store could not be read.');
  await expect(app.getByText('No one-time codes yet')).toHaveCount(0);
  await nav('OAuth & JWT');
  await expect(app.getByRole('heading', { name: 'Your OAuth clients could not be listed' })).toBeVisible();
  await expect(app.getByText('No OAuth clients yet')).toHaveCount(0);

  bridge.recover();
  await app.getByRole('button', { name: 'Try again' }).click();
  await expect(app.getByText('Forge sign-in')).toBeVisible();
  // Coming back to Codes reads again.
  await nav('Codes');
  await expect(app.getByText('Forge 2FA')).toBeVisible();
});

test('Requests and Audit say the services could not be listed, not an empty picker alone', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await call(host, 'services.create', { service: { name: 'Billing' } });
  await failReplies(app, ['services.list']);
  const sections = app.getByRole('navigation', { name: 'Sections' });
  for (const screen of ['Requests', 'Audit']) {
    // A reload each: no toast left over from the screen before.
    await app.reload();
    await sections.getByRole('button', { name: screen, exact: true }).click();
    await expect(
      app.getByRole('status').getByText('Your services could not be listed: The store could not be read.'),
    ).toBeVisible();
  }
});

test('Requests says its history and saved requests could not be read, not "No requests sent yet"', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await call(host, 'services.create', { service: { name: 'Billing' } });
  const bridge = await failReplies(app, ['requests.history', 'requests.saved']);
  await app.reload();
  await app
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Requests', exact: true })
    .click();
  const side = app.getByRole('complementary', { name: 'Saved requests and history' });
  await expect(side.getByRole('alert').filter({ hasText: 'The history could not be read' })).toContainText(
    'The store could not be read.',
  );
  await expect(side.getByRole('alert').filter({ hasText: 'Your saved requests could not be read' })).toBeVisible();
  await expect(side.getByText('No requests sent yet.')).toHaveCount(0);
  await expect(side.getByText('Nothing saved for this service.')).toHaveCount(0);

  bridge.recover();
  await side.getByRole('button', { name: 'Try again' }).first().click();
  await expect(side.getByText('No requests sent yet.')).toBeVisible();
  await expect(side.getByRole('alert')).toHaveCount(0);
});
