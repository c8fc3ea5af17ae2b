/**
 * Focus after an action that takes the focused control away: adding the first service (its empty-state
 * button goes), the first credential, deleting a credential (its card goes with the Delete that asked) and
 * the service. Keyboard only; after each, focus is on a control near where the user was, not dropped to
 * <body> with the next Tab starting at the top of the window.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

/** Where focus is, as "tag name" (its accessible-ish name), or "body". */
const focusNow = (page: Page) =>
  // Reached through <body> so this Node-typed file needs no DOM globals.
  page.locator('body').evaluate((body) => {
    const a = body.ownerDocument.activeElement;
    if (!a || a === body) return 'body';
    return `${a.tagName.toLowerCase()} ${a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 30) ?? ''}`;
  });

test('focus stays near the action when the focused control goes away', async ({ app }) => {
  await createVaultThroughUi(app);
  const list = app.locator('.svc-list');

  await app.getByRole('button', { name: 'Add your first service' }).focus();
  await app.keyboard.press('Enter');
  await app.keyboard.type('Stripe');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Stripe', level: 1 })).toBeVisible();
  await expect.poll(() => focusNow(app), { message: 'after the first service' }).not.toBe('body');
  await expect(list.locator(':focus')).toHaveCount(1);

  await app.getByRole('button', { name: 'Add a credential' }).focus();
  await app.keyboard.press('Enter');
  await app.getByLabel('Name', { exact: true }).fill('live key');
  await app.getByLabel('Key', { exact: true }).fill('sk_live_focus_1234');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Delete live key' })).toBeVisible();
  await expect.poll(() => focusNow(app), { message: 'after the first credential' }).not.toBe('body');

  await app.getByRole('button', { name: 'Delete live key' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.locator('dialog[open]')).toBeVisible();
  await app
    .locator('dialog[open]')
    .getByRole('button', { name: /^Delete/ })
    .focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Delete live key' })).toHaveCount(0);
  await expect.poll(() => focusNow(app), { message: 'after deleting the credential' }).not.toBe('body');
  // Still among the credentials (Add credential), not the top of the page.
  await expect(app.getByRole('region', { name: 'Credentials' }).locator(':focus')).toHaveCount(1);

  await app.getByRole('button', { name: 'Delete', exact: true }).focus();
  await app.keyboard.press('Enter');
  await app
    .locator('dialog[open]')
    .getByRole('button', { name: /^Delete/ })
    .focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Add your first service' })).toBeVisible();
  await expect.poll(() => focusNow(app), { message: 'after deleting the service' }).not.toBe('body');
  await expect(list.locator(':focus')).toHaveCount(1);
});
