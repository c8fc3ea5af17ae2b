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
