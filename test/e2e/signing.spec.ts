import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { overflows } from './screen-checks';
import { call, createVaultThroughUi } from './vault-helpers';

async function newService(page: Page, name: string, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Services', exact: true }).click();
  await page.getByRole('button', { name: 'Add your first service' }).click();
  const d = page.locator('dialog[open]');
  await d.getByLabel('Service name', { exact: true }).fill(name);
  await d.getByLabel('Base URL (optional)', { exact: true }).fill(baseUrl);
  await d.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('the recipe editor previews the string to sign live, and never shows the secret', async ({ app }) => {
  const page = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultThroughUi(page);
  await newService(page, 'Tiny API', 'https://api.tiny.test');

  await page.getByRole('button', { name: 'Add credential', exact: true }).click();
  const d = page.locator('dialog[open]');
  await d.getByLabel('Kind', { exact: true }).selectOption('hmac');
  await d.getByLabel('Name', { exact: true }).fill('signed');
  await d.getByLabel('Key ID / API key (optional)', { exact: true }).fill('pub-key');
  await d.getByLabel('Secret', { exact: true }).fill('very-secret-value');

  // Choosing a preset fills in its recipe; the preview shows what would be signed for the sample request.
  await d.getByLabel('Preset', { exact: true }).selectOption('plain-hash');
  await expect(d.getByLabel('Recipe (optional)', { exact: true })).toHaveValue(/digest=sha256/);
  const sts = d.getByTestId('string-to-sign');
  await expect(sts).toHaveText(/^GET\/v1\/orders\d{10}\{secret\}$/);
  await expect(d.getByText('X-API-Key', { exact: true })).toBeVisible();
  await d.getByLabel('URL or path', { exact: true }).fill('/v2/items?page=3');
  await d.getByLabel('Method', { exact: true }).selectOption('DELETE');
  await expect(sts).toHaveText(/^DELETE\/v2\/items\d{10}\{secret\}$/);

  // Editing the recipe makes it the user's own (preset custom), and the preview follows each keystroke.
  await d
    .getByLabel('Recipe (optional)', { exact: true })
    .fill('digest=hmac-sha256\nsign=method "\\n" path-query "\\n" key-id\nsignature=header:X-Sig');
  await expect(d.getByLabel('Preset', { exact: true })).toHaveValue('custom');
  await expect(sts).toHaveText('DELETE↵\n/v2/items?page=3↵\npub-key');
  await expect(d.getByText('X-Sig', { exact: true })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('very-secret-value');
  await sts.scrollIntoViewIfNeeded();
  await screenshot(page, 'recipe-editor-1280');
  await page.setViewportSize({ width: 900, height: 700 });
  await sts.scrollIntoViewIfNeeded();
  await screenshot(page, 'recipe-editor-900');

  // A mistake says what is wrong, in the preview and under the field when saving.
  await d.getByLabel('Recipe (optional)', { exact: true }).fill('sign=method verb');
  await expect(d.getByRole('alert')).toContainText('"verb" is not a part');
  await d.getByRole('button', { name: 'Add credential' }).click();
  const recipeField = d.locator('.field', { has: page.getByLabel('Recipe (optional)', { exact: true }) });
  await expect(recipeField.locator('.field__error')).toContainText('"verb" is not a part');

  // Binance: the user's timestamp is kept (not duplicated) and the signature is appended last.
  await d.getByLabel('Preset', { exact: true }).selectOption('binance');
  await d.getByLabel('URL or path', { exact: true }).fill('/api/v3/order?symbol=LTCBTC&timestamp=1499827319559');
  await expect(sts).toHaveText('symbol=LTCBTC&timestamp=1499827319559');
  await d.getByRole('button', { name: 'Add credential' }).click();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 3, name: 'signed', exact: true })).toBeVisible();
});

test('the request tester previews what the chosen recipe signs for the request being composed, secret masked', async ({
  app,
  host,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  await createVaultThroughUi(app);
  const svc = await call<{ id: string }>(host, 'services.create', {
    service: { name: 'Tiny API', baseUrl: 'https://api.tiny.test' },
  });
  const add = (kind: string, name: string, fields: Record<string, unknown>) =>
    call(host, 'credentials.add', { serviceId: svc.id, kind, name, fields });
  await add('hmac', 'signed', {
    keyId: 'pub-key',
    secret: 'very-secret-value',
    preset: 'custom',
    recipe: 'digest=hmac-sha256\nsign=method "\\n" path-query "\\n" body\nsignature=header:X-Sig',
  });
  await add('hmac', 'hashed', { keyId: 'pub-key', secret: 'very-secret-value', preset: 'plain-hash' });
  await add('api-key', 'plain key', { value: 'key-not-a-recipe', header: 'X-Api-Key' });

  await app.getByRole('button', { name: 'Requests', exact: true }).click();
  await app.getByLabel('Service').selectOption({ label: 'Tiny API' });
  // The service's answer resets the URL to its base when it arrives; type only after it.
  const url = app.getByLabel('URL');
  await expect(url).toHaveValue('https://api.tiny.test/');
  const preview = app.getByRole('region', { name: 'Preview of the string to sign' });
  const sts = preview.getByTestId('string-to-sign');
  await app.getByLabel('Credential').selectOption({ label: 'signed · HMAC signing' });
  await expect(sts).toHaveText('GET↵\n/↵\n');
  await expect(preview.getByText('X-Sig', { exact: true })).toBeVisible();

  // The URL, a param row, the method and the body: each change is in the preview.
  await url.fill('https://api.tiny.test/v1/orders?symbol=LTCBTC');
  await expect(sts).toHaveText('GET↵\n/v1/orders?symbol=LTCBTC↵\n');
  await app.getByRole('tab', { name: /^Params/ }).click();
  await app.getByLabel('Query parameters value 1').fill('ETHBTC');
  await expect(sts).toHaveText('GET↵\n/v1/orders?symbol=ETHBTC↵\n');
  await app.getByLabel('Method').selectOption('POST');
  await app.getByRole('tab', { name: /^Body/ }).click();
  await app.getByRole('group', { name: 'Body type' }).getByRole('button', { name: 'JSON', exact: true }).click();
  await app.getByLabel('JSON body').fill('{"qty":1}');
  await expect(sts).toHaveText('POST↵\n/v1/orders?symbol=ETHBTC↵\n{"qty":1}');
  await screenshot(app, 'requests-recipe-preview-1280');
  expect(await overflows(app)).toEqual([]);
  await app.setViewportSize({ width: 900, height: 700 });
  await sts.scrollIntoViewIfNeeded();
  await screenshot(app, 'requests-recipe-preview-900');
  expect(await overflows(app)).toEqual([]);

  // A plain-hash recipe signs the secret itself: the preview says {secret}, never the value.
  await app.getByLabel('Credential').selectOption({ label: 'hashed · HMAC signing' });
  await expect(sts).toHaveText(/^POST\/v1\/orders\d{10}\{secret\}$/);
  await expect(app.locator('body')).not.toContainText('very-secret-value');

  // A credential that signs no recipe has no preview.
  await app.getByLabel('Credential').selectOption({ label: 'plain key · API key' });
  await expect(preview).toHaveCount(0);
});
