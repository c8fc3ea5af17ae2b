/**
 * Every window size: the main routes at 1280 × 800, 900 × 700 and the 720 × 560 minimum,
 * on one page whose viewport is resized, with a screenshot of each. Nothing may be wider than
 * the viewport, and titles and buttons may not be clipped. The sidebar collapses to icons
 * below 1100 px and the services list and detail stack below 900 px.
 */
import type { Page } from '@playwright/test';
import { reply, type ScriptedServer, startScriptedServer } from '../peers/scripted-server';
import { expect, screenshot, test } from './fixtures';
import { overflows, SIZES } from './screen-checks';
import { createVaultThroughUi } from './vault-helpers';

const SERVICE = 'Acme Payments Production Gateway';
const BASE_URL = 'https://payments-gateway.eu-west-1.production.acme-internal.example.com/v2';

let server: ScriptedServer;
test.beforeAll(async () => {
  server = await startScriptedServer();
  server.fallback = reply(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '41' }, '{"ok":true}');
});
test.afterAll(async () => {
  await server?.close();
});

async function nav(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();
}

test('every main route fits at 1280 × 800, 900 × 700 and 720 × 560', async ({ app, host }) => {
  test.setTimeout(120_000);
  await createVaultThroughUi(app);
  const ctx = { transport: 'browser-host' as const };
  const created = await host.composed.dispatch(
    'services.create',
    { service: { name: SERVICE, baseUrl: BASE_URL, tags: ['payments', 'production'] } },
    ctx,
  );
  if (!created.ok) throw new Error(`services.create: ${created.error.code}`);
  const serviceId = (created.value as { id: string }).id;
  const day = 24 * 60 * 60_000;
  // Two badges on the service's row (one credential expired, one expiring), beside its long name.
  for (const credential of [
    {
      kind: 'api-key',
      name: 'Main key',
      fields: { value: 'key-layout-1234', header: 'X-Api-Key' },
      expiresAt: Date.now() - day,
    },
    {
      kind: 'oauth2',
      name: 'Acme single sign-on for the payments dashboard',
      fields: {
        provider: 'custom',
        clientId: 'payments-dashboard-production-client-0123456789',
        authorizationEndpoint: 'https://login.acme-internal.example.com/oauth2/v2/authorize',
        tokenEndpoint: 'https://login.acme-internal.example.com/oauth2/v2/token',
        scopes: 'openid profile email offline_access payments.read payments.write',
      },
      expiresAt: Date.now() + 3 * day,
    },
  ]) {
    const added = await host.composed.dispatch('credentials.add', { serviceId, ...credential }, ctx);
    if (!added.ok) throw new Error(`credentials.add: ${added.error.code}`);
  }

  const problems: string[] = [];
  const check = async (where: string) => {
    // The pointer leaves the sidebar, so its hover tooltip is not measured as a clipped label.
    const { width, height } = app.viewportSize() ?? { width: 0, height: 0 };
    await app.mouse.move(width - 2, height - 2);
    await app.waitForTimeout(50); // one frame for layout after a resize or route change
    await screenshot(app, `layout-${where}`);
    for (const p of await overflows(app)) problems.push(`${where}: ${p}`);
  };

  let hostApproved = false;
  for (const size of SIZES) {
    await app.setViewportSize(size);
    const at = `${size.width}x${size.height}`;
    const sidebar = app.getByRole('navigation', { name: 'Sections' });
    const collapsed = size.width < 1100;
    // Collapsed, the labels leave the screen but keep naming the buttons, and show as tooltips.
    const sidebarWidth = (await sidebar.boundingBox())?.width ?? 0;
    if (collapsed) expect(sidebarWidth).toBeLessThan(64);
    else expect(sidebarWidth).toBeGreaterThan(180);
    if (collapsed) {
      await sidebar.getByRole('button', { name: 'Codes', exact: true }).hover();
      await expect(sidebar.locator('.nav__tip:visible')).toHaveText('Codes');
    }

    await nav(app, 'Services');
    const title = app.getByRole('heading', { level: 1, name: SERVICE });
    const row = app.getByRole('option', { name: new RegExp(SERVICE) });
    if (size.width < 900) {
      // Stacked: the list first, then the detail with a way back.
      await expect(title).toBeHidden();
      await row.click();
      await expect(title).toBeVisible();
      await expect(row).toBeHidden();
      await check(`services-detail-${at}`);
      await app.getByRole('button', { name: 'Back to services' }).click();
      await expect(row).toBeVisible();
      await check(`services-list-${at}`);
      await row.click();
    } else {
      if (!(await title.isVisible())) await row.click();
      await expect(row).toBeVisible();
      await expect(title).toBeVisible();
      await expect(app.getByRole('button', { name: 'Back to services' })).toBeHidden();
      await check(`services-${at}`);
      // The name keeps its room beside two badges: they give way first.
      await expect(row.locator('.badge')).toHaveCount(2);
      const name = row.locator('.row__title');
      // Whole: not cut sideways, nor left off below its second line.
      const size = await name.evaluate(
        (el) => `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`,
      );
      expect(
        await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight),
        `${at}: name clipped (${size})`,
      ).toBe(true);
    }
    // The URL is readable, not "http…".
    const url = app.locator('.svc-header__url');
    expect((await url.boundingBox())?.width ?? 0).toBeGreaterThan(300);

    // A request sent, so the response tabs (with Audit) are on screen.
    await nav(app, 'Requests');
    await app.getByLabel('Service').selectOption({ label: SERVICE });
    // The service's answer resets the URL to its base when it arrives; fill only after it.
    await expect(app.getByLabel('URL')).toHaveValue(`${BASE_URL}/`);
    await app.getByLabel('URL').fill(`${server.url}/v2/payments/settlements?from=2026-01-01&to=2026-12-31`);
    await app.getByRole('button', { name: 'Send' }).click();
    // The local server is not the service's host: the first send asks once (host binding), later ones go.
    if (!hostApproved) {
      const hostPrompt = app.getByRole('dialog', { name: /^Send Main key to 127\.0\.0\.1:\d+\?$/ });
      await expect(hostPrompt).toBeVisible();
      await check(`dialog-host-prompt-${at}`);
      await hostPrompt.getByRole('button', { name: 'Send to this host' }).click();
      // Main asks too (the page's prompt is not enough); the test says yes for the user.
      await host.confirmations.answerNext(true);
      hostApproved = true;
    }
    await expect(app.getByTestId('response-status')).toHaveText('200 OK');
    await expect(app.getByRole('tab', { name: 'Audit' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Save request' })).toBeInViewport({ ratio: 1 });
    expect((await app.getByLabel('URL').boundingBox())?.width ?? 0).toBeGreaterThan(280);
    await check(`requests-${at}`);

    await nav(app, 'OAuth & JWT');
    const oauthRow = app.getByTestId('oauth-row').first();
    await expect(oauthRow).toBeVisible();
    await check(`oauth-${at}`);
    // The service / credential separator never ends a line: it sits on the line of the name it leads.
    const separator = await oauthRow.locator('.oauth-row__sep').evaluate((sep) => {
      const range = sep.ownerDocument.createRange();
      range.setStartAfter(sep);
      range.setEnd(sep.parentNode ?? sep, (sep.parentNode?.childNodes.length ?? 0) as number);
      const nameTop = range.getClientRects()[0]?.top ?? Number.NaN;
      return { sep: sep.getBoundingClientRect().top, name: nameTop };
    });
    expect(Math.abs(separator.sep - separator.name), `${at}: the "/" ends a line`).toBeLessThan(2);
    // A row stays a row: six lines at most (name, grant, issuer, scopes, the redirect URI to register), not ten.
    expect((await oauthRow.boundingBox())?.height ?? 999).toBeLessThan(200);

    for (const label of ['Codes', 'Audit', 'Health', 'Import & export', 'Settings', 'About']) {
      await nav(app, label);
      await check(`${label.toLowerCase().replace(/[^a-z]+/g, '-')}-${at}`);
    }
  }
  expect(problems).toEqual([]);
});
