import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

interface NewCredential {
  kind: string;
  name: string;
  /** Exact field labels to fill. */
  fill?: Record<string, string>;
  select?: Record<string, string>;
  expires?: string;
}

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

function dialog(page: Page): Locator {
  return page.locator('dialog[open]');
}

async function addService(page: Page, name: string, baseUrl: string, tags: string): Promise<void> {
  const d = dialog(page);
  await d.getByLabel('Service name', { exact: true }).fill(name);
  await d.getByLabel('Base URL (optional)', { exact: true }).fill(baseUrl);
  await d.getByLabel('Tags (optional)', { exact: true }).fill(tags);
  await d.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function fillCredential(page: Page, c: NewCredential): Promise<void> {
  const d = dialog(page);
  await d.getByLabel('Kind', { exact: true }).selectOption(c.kind);
  await d.getByLabel('Name', { exact: true }).fill(c.name);
  for (const [label, value] of Object.entries(c.select ?? {})) {
    await d.getByLabel(label, { exact: true }).selectOption(value);
  }
  for (const [label, value] of Object.entries(c.fill ?? {})) {
    await d.getByLabel(label, { exact: true }).fill(value);
  }
  if (c.expires) await d.getByLabel('Expires on (optional)', { exact: true }).fill(c.expires);
}

async function addCredential(page: Page, c: NewCredential): Promise<void> {
  await page.getByRole('button', { name: 'Add credential', exact: true }).click();
  await fillCredential(page, c);
  await dialog(page).getByRole('button', { name: 'Add credential' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(card(page, c.name)).toBeVisible();
}

function card(page: Page, name: string): Locator {
  return page
    .getByTestId('credential-card')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
}

/** Screenshots show the screen, not the last few toasts. */
async function quietToasts(page: Page): Promise<void> {
  await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 10_000 });
}

/** A date input's value (local time) `days` from today. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function readClipboard(): string {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-out'], { encoding: 'utf8', timeout: 3000 });
  } catch {
    // xclip exits non-zero when the clipboard holds nothing.
    return '';
  }
}

test('services: every credential kind, search, reveal, copy, rotate, health, keyboard', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app;
  await createVaultThroughUi(page);

  // Clipboard clears after 2 s.
  await page.getByRole('button', { name: 'Settings' }).click();
  const clear = page.getByLabel('Clear clipboard after (seconds)');
  await clear.fill('2');
  await clear.blur();
  // The copy toast below proves the 2 s were saved.

  await page.getByRole('button', { name: 'Services', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No services yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add your first service' }).click();
  await addService(page, 'Acme API', 'https://api.acme.test', 'work, payments');

  const kinds: NewCredential[] = [
    {
      kind: 'api-key',
      name: 'prod-key',
      fill: { Key: 'sk_live_abc123', 'Header or parameter name': 'X-Api-Key' },
    },
    { kind: 'basic', name: 'admin-login', fill: { Username: 'alice', Password: 'pw-basic' } },
    { kind: 'digest', name: 'legacy-digest', fill: { Username: 'bob', Password: 'pw-digest' } },
    { kind: 'bearer', name: 'ci-token', fill: { Token: 'tok_bearer_1' } },
    {
      kind: 'oauth2',
      name: 'oauth-client',
      fill: {
        'Client ID': 'client-1',
        'Client secret (optional)': 'cs-1',
        'Token endpoint (optional)': 'https://login.acme.test/token',
      },
      select: { Grant: 'client_credentials', 'Client authentication': 'client_secret_basic' },
    },
    {
      kind: 'hmac',
      name: 'webhook-hmac',
      fill: { 'Key ID / API key (optional)': 'k1', Secret: 'hmac-secret-value' },
      select: { Preset: 'binance' },
    },
    {
      kind: 'aws-sigv4',
      name: 'aws-deploy',
      fill: {
        'Access key ID': 'AKIAEXAMPLE',
        'Secret access key': 'aws-secret-key',
        Region: 'eu-west-1',
        'AWS service': 's3',
      },
    },
    { kind: 'secret', name: 'db-url', fill: { 'Variable name': 'DATABASE_URL', Value: 'postgres://u:p@db/app' } },
  ];
  for (const c of kinds) await addCredential(page, c);

  // A bad Base32 secret: the error names the position, under the secret field, and nothing is saved.
  await page.getByRole('button', { name: 'Add credential', exact: true }).click();
  await fillCredential(page, { kind: 'totp', name: 'mfa', fill: { 'Secret key (Base32)': 'JBSW Y3DP EH1K 3PXP' } });
  await dialog(page).getByRole('button', { name: 'Add credential' }).click();
  const totpField = dialog(page).locator('.field', { has: page.getByLabel('Secret key (Base32)', { exact: true }) });
  await expect(totpField.locator('.field__error')).toContainText('position 13');
  await dialog(page).getByLabel('Secret key (Base32)', { exact: true }).fill('JBSW Y3DP EHPK 3PXP');
  await dialog(page).getByRole('button', { name: 'Add credential' }).click();
  await expect(card(page, 'mfa')).toBeVisible();

  // A PEM that does not parse: the error sits under the key field.
  await page.getByRole('button', { name: 'Add credential', exact: true }).click();
  await fillCredential(page, {
    kind: 'jwt-signer',
    name: 'service-account',
    select: { Algorithm: 'RS256' },
    fill: {
      'Signing key': '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----',
      'Issuer (iss) (optional)': 'latch-e2e',
    },
  });
  // The private key is a secret like any other: drawn as dots until the user asks to see it.
  const signingKey = dialog(page).getByLabel('Signing key', { exact: true });
  const textSecurity = () =>
    signingKey.evaluate((el) =>
      el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue('-webkit-text-security'),
    );
  await expect.poll(textSecurity).toBe('disc');
  // The toggle keeps its name; pressed says the key shows.
  const showKey = dialog(page).getByRole('button', { name: 'Show Signing key' });
  await showKey.click();
  await expect.poll(textSecurity).toBe('none');
  await expect(showKey).toHaveAttribute('aria-pressed', 'true');
  await showKey.click();
  await expect.poll(textSecurity).toBe('disc');
  await dialog(page).getByRole('button', { name: 'Add credential' }).click();
  const keyField = dialog(page).locator('.field', { has: page.getByLabel('Signing key', { exact: true }) });
  await expect(keyField.locator('.field__error')).toBeVisible();
  await screenshot(page, 'credential-form-error');
  await dialog(page).getByLabel('Signing key', { exact: true }).fill(rsaPem);
  await dialog(page).getByRole('button', { name: 'Add credential' }).click();
  await expect(card(page, 'service-account')).toBeVisible();
  await expect(page.getByTestId('credential-card')).toHaveCount(10);

  // Each kind offers only what fits it: no Rotate for one-time codes or an OAuth client.
  await expect(card(page, 'ci-token').getByRole('button', { name: 'Rotate' })).toBeVisible();
  await expect(card(page, 'mfa').getByRole('button', { name: 'Rotate' })).toHaveCount(0);
  await expect(card(page, 'oauth-client').getByRole('button', { name: 'Rotate' })).toHaveCount(0);
  await expect(card(page, 'mfa').getByRole('button', { name: 'Copy as env line' })).toHaveCount(0);

  // The API key takes the form's full width, masked with Show; editing says blank keeps it.
  await card(page, 'prod-key').getByRole('button', { name: 'Edit' }).click();
  const apiKey = dialog(page).getByLabel('Key', { exact: true });
  await expect(apiKey).toHaveAttribute('placeholder', 'Leave empty to keep the current key');
  await expect(apiKey).toHaveAttribute('type', 'password');
  const keyBox = await dialog(page)
    .locator('.field', { has: page.getByLabel('Key', { exact: true }) })
    .boundingBox();
  const kindBox = await dialog(page).locator('.cred-form__kind').boundingBox();
  expect(keyBox && kindBox && keyBox.width / kindBox.width).toBeGreaterThan(0.95);
  await apiKey.fill('sk_live_pasted');
  await dialog(page).getByRole('button', { name: 'Show Key' }).click();
  await expect(apiKey).toHaveAttribute('type', 'text');
  await expect(apiKey).toHaveValue('sk_live_pasted');
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();

  // Reveal shows the value; copy puts it on the clipboard, which clears after 2 s.
  const key = card(page, 'prod-key');
  await key.getByRole('button', { name: 'Reveal Key' }).click();
  await expect(key.getByTestId('secret-value').first()).toHaveText('sk_live_abc123');
  await expect(key.getByRole('button', { name: 'Reveal Key' })).toHaveAttribute('aria-pressed', 'true');
  await key.getByRole('button', { name: 'Copy Key' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Copied; clears in 2 s' })).toBeVisible();
  if (process.env.DISPLAY) {
    await expect.poll(readClipboard).toBe('sk_live_abc123');
    await expect.poll(readClipboard, { timeout: 8000 }).not.toBe('sk_live_abc123');
  } else {
    test.info().annotations.push({ type: 'note', description: 'DISPLAY unset: X clipboard not checked' });
  }
  await card(page, 'db-url').getByRole('button', { name: 'Copy reference' }).click();
  if (process.env.DISPLAY) await expect.poll(readClipboard).toBe('latch://Acme%20API/db-url');
  await card(page, 'db-url').getByRole('button', { name: 'Copy as env line' }).click();
  if (process.env.DISPLAY) await expect.poll(readClipboard).toMatch(/^[A-Z0-9_]+=.*postgres:\/\/u:p@db\/app/);

  // Editing the service keeps its credentials and shows the notes.
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  await dialog(page).getByLabel('Notes (optional)', { exact: true }).fill('Owned by the payments team.');
  await dialog(page).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Notes' })).toHaveText('Owned by the payments team.');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme API' })).toBeVisible();

  // Rotate: the card then says how long the previous value is kept.
  await card(page, 'ci-token').getByRole('button', { name: 'Rotate' }).click();
  await dialog(page).getByLabel('New token', { exact: true }).fill('tok_bearer_2');
  await dialog(page).getByRole('button', { name: 'Rotate' }).click();
  await expect(card(page, 'ci-token').getByTestId('previous-kept')).toContainText('Previous value kept until');
  await card(page, 'ci-token').getByRole('button', { name: 'Reveal Token of ci-token', exact: true }).click();
  await expect(card(page, 'ci-token').getByTestId('secret-value').first()).toHaveText('tok_bearer_2');
  await quietToasts(page);
  await screenshot(page, 'service-page');

  // Editing: secret fields start blank and blank keeps the stored value.
  const login = card(page, 'admin-login');
  await login.getByRole('button', { name: 'Edit' }).click();
  const password = dialog(page).getByLabel('Password', { exact: true });
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', 'Leave empty to keep the current password');
  await dialog(page).getByLabel('Username', { exact: true }).fill('alice2');
  await dialog(page).getByRole('button', { name: 'Save' }).click();
  await expect(login.getByText('alice2', { exact: true })).toBeVisible();
  await login.getByRole('button', { name: 'Reveal Password' }).click();
  await expect(login.getByTestId('secret-value').first()).toHaveText('pw-basic');

  // A second service: an expired credential and a secret reused from Acme.
  // A base URL that is not one: main's error shows under that field and nothing is saved.
  await page.getByRole('button', { name: 'Add service', exact: true }).click();
  await dialog(page).getByLabel('Service name', { exact: true }).fill('Beta Corp');
  await dialog(page).getByLabel('Base URL (optional)', { exact: true }).fill('beta dot example');
  await dialog(page).getByRole('button', { name: 'Add service' }).click();
  const urlField = dialog(page).locator('.field', { has: page.getByLabel('Base URL (optional)', { exact: true }) });
  await expect(urlField.locator('.field__error')).toContainText('http(s) URL');
  await expect(page.getByTestId('service-row')).toHaveCount(1);
  await addService(page, 'Beta Corp', 'https://beta.example', 'personal');
  await addCredential(page, { kind: 'bearer', name: 'old-token', fill: { Token: 'tok_old' }, expires: '2020-01-31' });
  await addCredential(page, {
    kind: 'secret',
    name: 'shared-db',
    fill: { 'Variable name': 'DB_URL', Value: 'postgres://u:p@db/app' },
  });
  await addCredential(page, { kind: 'bearer', name: 'soon-token', fill: { Token: 'tok_soon' }, expires: inDays(3) });
  await expect(card(page, 'old-token').getByText('Expired', { exact: true })).toBeVisible();
  await expect(card(page, 'soon-token').getByText('Expiring', { exact: true })).toBeVisible();

  // Search: name, tag, URL and credential kind.
  const rows = page.getByTestId('service-row');
  const search = page.getByLabel('Search services');
  await page.locator('body').press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('sigv4');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Acme API');
  await search.fill('personal');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Beta Corp');
  await search.fill('beta.example');
  await expect(rows.first()).toContainText('Beta Corp');
  await search.fill('nothing like this');
  await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'payments', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'payments', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(1)).toContainText('Expired');

  // Keyboard: Down then Enter opens the second row; Up then Enter the first.
  await page.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Beta Corp' })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme API' })).toBeVisible();

  // Favourites come first. The row's star is a mouse shortcut (an option holds no control).
  await rows.filter({ hasText: 'Beta Corp' }).getByTestId('row-star').click();
  await expect(rows.first()).toContainText('Beta Corp');
  // Toggling the star leaves the rest of the service alone.
  await expect(rows.first()).toContainText('https://beta.example');
  await expect(page.getByRole('button', { name: 'personal', exact: true })).toBeVisible();
  await quietToasts(page);
  await screenshot(page, 'services-list');

  // Health: the expired token and the reused secret, each row opening its service.
  await page.getByRole('button', { name: 'Health', exact: true }).click();
  const expired = page.getByTestId('health-expired');
  await expect(expired).toContainText('Beta Corp');
  await expect(expired).toContainText('old-token');
  await expect(page.getByTestId('health-expiring')).toContainText('soon-token');
  const reused = page.getByTestId('health-reused');
  await expect(reused).toContainText('also in Acme API / db-url');
  await expect(reused).toContainText('also in Beta Corp / shared-db');
  await quietToasts(page);
  await screenshot(page, 'health-view');
  await expired.getByRole('button', { name: /old-token/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beta Corp' })).toBeVisible();

  // Delete asks first.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog(page).getByRole('button', { name: 'Delete service' }).click();
  await expect(rows).toHaveCount(1);
});

test('a long list renders only the rows in view and stays searchable', async ({ app, host }) => {
  test.setTimeout(180_000);
  await createVaultThroughUi(app);
  const ctx = { transport: 'browser-host' as const };
  const total = 600;
  for (let i = 0; i < total; i++) {
    const name = `Load ${String(i).padStart(4, '0')}`;
    const created = await host.composed.dispatch(
      'services.create',
      { service: { name, baseUrl: `https://load${i}.example`, tags: [`group-${i % 5}`] } },
      ctx,
    );
    if (!created.ok) throw new Error(`services.create: ${created.error.code}`);
  }
  await app.getByRole('button', { name: 'Services', exact: true }).click();
  await expect(app.getByText(`${total} services`)).toBeVisible();
  const rows = app.getByTestId('service-row');
  // Virtualised: a window of rows, not all 600.
  expect(await rows.count()).toBeLessThan(60);

  await app.keyboard.press('/');
  await app.keyboard.press('PageDown');
  await expect(app.locator('.row[aria-selected="true"]')).toContainText('Load 0008');
  await app.getByRole('listbox', { name: 'Services' }).focus();
  await app.keyboard.press('End');
  await expect(app.locator('.row[aria-selected="true"]')).toContainText('Load 0599');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Load 0599' })).toBeVisible();

  await app.getByLabel('Search services').fill('load 0420');
  await expect(rows).toHaveCount(1);
  await app.getByLabel('Search services').fill('');
  await app.getByRole('button', { name: 'group-3', exact: true }).click();
  await expect(app.getByText(`${total / 5} of ${total}`)).toBeVisible();
});
