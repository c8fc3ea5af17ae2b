/**
 * The Codes list and what codes do to the Services list, on one vault seeded through the
 * contract (fast: no typing), then looked at through the real renderer.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { call, createVaultThroughUi } from './vault-helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** Chips cut by the filter's edge at rest (neither wholly in view nor wholly scrolled away). */
function clippedChips(page: Page) {
  return page.locator('.tag-filter').evaluate((box) => {
    const outer = box.getBoundingClientRect();
    return [...box.querySelectorAll('.chip')]
      .map((c) => c.getBoundingClientRect())
      .filter((r) => r.top < outer.bottom - 0.5 && r.bottom > outer.bottom + 0.5).length;
  });
}

test('codes: issuer first, dense, Delete in a menu; codes for new issuers stay off the services list', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1280, height: 800 });
  await createVaultThroughUi(app);

  // Fifteen services, with enough tags to fill more than three rows of chips.
  for (let i = 0; i < 15; i++) {
    const tags = [`team-${i}`, `area-${i % 4}`, ...(i < 10 ? [`long-tag-name-${i}`] : [])];
    await call(host, 'services.create', { service: { name: `Service ${i}`, tags } });
  }
  await call(host, 'services.create', { service: { name: 'Acme Corp', baseUrl: 'https://acme.example' } });

  // Eighteen codes for new issuers, and one whose issuer is an existing service.
  const items = Array.from({ length: 18 }, (_, i) => ({
    serviceName: `Issuer ${String(i).padStart(2, '0')}`,
    name: 'dev@acme.io',
    source: {
      kind: 'uri',
      uri: `otpauth://totp/Issuer%20${i}:dev%40acme.io?secret=${SECRET}&issuer=Issuer%20${String(i).padStart(2, '0')}`,
    },
  }));
  items.push({
    serviceName: 'acme-corp',
    name: 'ops@acme.io',
    source: { kind: 'uri', uri: `otpauth://totp/acme-corp:ops%40acme.io?secret=${SECRET}&issuer=acme-corp` },
  });
  await call(host, 'totp.add', { items });

  // Services: the eighteen code-only services are not in the default list; Acme keeps its code.
  await app.getByRole('button', { name: 'Services', exact: true }).click();
  await expect(app.getByText('16 services', { exact: true })).toBeVisible();
  const codesChip = app.getByRole('button', { name: 'Codes only (18)' });
  await expect(codesChip).toHaveAttribute('aria-pressed', 'false');
  await codesChip.click();
  await expect(app.getByText('18 of 18', { exact: true })).toBeVisible();
  await expect(app.getByTestId('service-row').first()).toContainText('Issuer 00');
  await codesChip.click();
  await expect(app.getByText('16 services', { exact: true })).toBeVisible();

  // Chips: whole rows at rest (the rest scrolls); the list is one Tab stop after the search.
  expect(await clippedChips(app)).toBe(0);
  const chipsScroll = await app
    .locator('.tag-filter')
    .evaluate(
      (box) =>
        box.scrollHeight > box.clientHeight &&
        box.ownerDocument.defaultView?.getComputedStyle(box).overflowY === 'auto',
    );
  expect(chipsScroll).toBe(true);
  await app.getByLabel('Search services').focus();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('listbox', { name: 'Services' })).toBeFocused();
  // The keyboard's way to a chip: #tag in the search.
  await app.getByLabel('Search services').fill('#area-1');
  await expect(app.getByText('4 of 16', { exact: true })).toBeVisible();
  await app.getByLabel('Search services').fill('');
  await screenshot(app, 'services-codes-only-1280');

  // Codes: issuer first and bold, the account under it; fifteen rows or more in view.
  await app.getByRole('button', { name: 'Codes', exact: true }).click();
  const rows = app.getByTestId('totp-row');
  await expect(rows).toHaveCount(19);
  const first = rows.filter({ hasText: 'Acme Corp' });
  await expect(first.getByTestId('totp-issuer')).toHaveText('acme-corp');
  await expect(first.getByTestId('totp-account')).toContainText('ops@acme.io');
  const weight = await first
    .getByTestId('totp-issuer')
    .evaluate((el) => Number(el.ownerDocument.defaultView?.getComputedStyle(el).fontWeight));
  expect(weight).toBeGreaterThanOrEqual(600);
  const inView = await rows.evaluateAll(
    (els) =>
      els.filter((el) => el.getBoundingClientRect().bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0)).length,
  );
  expect(inView).toBeGreaterThanOrEqual(15);
  await expect(rows.first().getByText('Delete', { exact: true })).toHaveCount(0);
  await screenshot(app, 'codes-list-1280');

  // Delete sits in the row's menu, asks first, and removes only that code.
  const victim = rows.filter({ hasText: 'Issuer 03' });
  await victim.getByRole('button', { name: 'More for dev@acme.io' }).click();
  await expect(victim.getByRole('menuitem', { name: 'Delete…' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(victim.getByRole('menu')).toHaveCount(0);
  await expect(victim.getByRole('button', { name: 'More for dev@acme.io' })).toBeFocused();
  await app.keyboard.press('Enter');
  await victim.getByRole('menuitem', { name: 'Delete…' }).click();
  await app.getByRole('dialog', { name: 'Delete this code?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(18);
  await expect(rows.filter({ hasText: 'Issuer 03' })).toHaveCount(0);

  await app.setViewportSize({ width: 900, height: 700 });
  await screenshot(app, 'codes-list-900');
});
