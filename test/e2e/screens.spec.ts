/**
 * The screen matrix: every route and dialog, in light and dark, at 1280 × 800, 900 × 700 and
 * 720 × 560, screenshotted to test-results/screenshots/screen-<name>-<theme>-<size>.png. On each:
 * nothing wider than the viewport, no clipped title or button, and (once per theme, at 1280 × 800)
 * no serious or critical axe-core finding.
 *
 * Budget: one page and one vault for the whole matrix. Each screen is opened once; the theme
 * (the OS colour scheme, which the app follows by default) and the viewport change under it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import type { HostApp } from '../host/host-app';
import { reply, type ScriptedServer, startScriptedServer } from '../peers/scripted-server';
import { serviceAccountFile } from '../support/gcp-service-account';
import { expect, screenshot, test } from './fixtures';
import { axeProblems, overflows, SIZES } from './screen-checks';
import { call, MASTER } from './vault-helpers';

const THEMES = ['light', 'dark'] as const;
/** The axe rules whose outcome depends on colours; the rest see the same DOM in both themes. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const SERVICE = 'Acme Payments Production Gateway';
const BASE_URL = 'https://payments-gateway.eu-west-1.production.acme-internal.example.com/v2';

let server: ScriptedServer;
test.beforeAll(async () => {
  server = await startScriptedServer();
  server.fallback = reply(200, { 'content-type': 'application/json' }, '{"ok":true,"items":[1,2,3]}');
});
test.afterAll(async () => {
  await server?.close();
});

/** A service with one credential of the kinds whose cards and dialogs differ. */
async function seed(host: HostApp): Promise<void> {
  const svc = await call<{ id: string }>(host, 'services.create', {
    service: {
      name: SERVICE,
      baseUrl: BASE_URL,
      tags: ['payments', 'production'],
      notes: 'Keys rotate every 90 days. Ask #payments-oncall before touching production.',
      headers: [
        { name: 'Acme-Version', value: '2026-01-15.settlements-preview' },
        { name: 'X-Acme-Region', value: 'eu-west-1', enabled: false },
      ],
    },
  });
  const add = (kind: string, name: string, fields: Record<string, unknown>) =>
    call(host, 'credentials.add', { serviceId: svc.id, kind, name, fields });
  await add('api-key', 'Main key', { value: 'key-matrix-1234', header: 'X-Api-Key' });
  await add('basic', 'Dashboard login', { username: 'ops@acme.example', password: 'pw-matrix-5678' });
  await add('oauth2', 'Acme single sign-on', {
    provider: 'custom',
    clientId: 'payments-dashboard-production-client',
    authorizationEndpoint: 'https://login.acme-internal.example.com/oauth2/v2/authorize',
    tokenEndpoint: 'https://login.acme-internal.example.com/oauth2/v2/token',
    scopes: 'openid profile email offline_access',
  });
  await add('totp', 'Acme 2FA', { secret: 'JBSWY3DPEHPK3PXP', account: 'dev@acme.example' });
}

test('every screen and dialog, light and dark, at every size: nothing cut off, axe clean', async ({ app, host }) => {
  // The limit only catches a hang: each state costs 5-8 s (two axe runs, six screenshots), so the
  // whole matrix is 2-3 min alone and may be twice that when CI shares two cores with other work.
  test.setTimeout(480_000);
  const nav = (label: string) =>
    app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();
  const openDialog = async (trigger: Locator) => {
    await trigger.click();
    await expect(app.locator('dialog[open]')).toBeVisible();
  };
  const closeDialog = async () => {
    await app.keyboard.press('Escape');
    await expect(app.locator('dialog[open]')).toHaveCount(0);
  };

  /** The checks on the screen as it is now, in both themes and at every size. */
  const check = async (name: string) => {
    const problems: string[] = [];
    const dialog = (await app.locator('dialog[open]').count()) > 0 ? 'dialog[open]' : undefined;
    for (const theme of THEMES) {
      await app.emulateMedia({ colorScheme: theme });
      await app.setViewportSize(SIZES[0]);
      for (const p of await axeProblems(app, { within: dialog, rules: theme === 'light' ? undefined : COLOUR_RULES }))
        problems.push(`${name} ${theme} axe: ${p}`);
      for (const size of SIZES) {
        await app.setViewportSize(size);
        // The pointer leaves the sidebar, so a hover tooltip is not measured as a clipped label.
        await app.mouse.move(size.width - 2, size.height - 2);
        const at = `${size.width}x${size.height}`;
        for (const p of await overflows(app)) problems.push(`${name} ${theme} ${at}: ${p}`);
        await screenshot(app, `screen-${name}-${theme}-${at}`);
      }
    }
    await app.setViewportSize(SIZES[0]);
    expect.soft(problems, name).toEqual([]);
  };

  // First run.
  await app.setViewportSize(SIZES[0]);
  await expect(app.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await check('create-vault');
  await app.getByLabel('Master password', { exact: true }).fill('short');
  await app.getByLabel('Master password again').fill('shorter');
  await check('create-vault-errors');
  await app.getByLabel('Master password', { exact: true }).fill(MASTER);
  await app.getByLabel('Master password again').fill(MASTER);
  await app.getByRole('radio', { name: /Hardened/ }).check();
  await app.getByRole('button', { name: 'Create vault' }).click();
  await expect(app.getByRole('heading', { name: 'Save your recovery kit' })).toBeVisible({ timeout: 20_000 });
  await check('recovery-kit');
  await app.getByLabel('I have saved it').check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  await seed(host);

  // Services and their dialogs.
  await nav('Services');
  await app.getByRole('option', { name: new RegExp(SERVICE) }).click();
  await expect(app.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible();
  await check('services');
  const main = app.locator('main');
  await openDialog(app.getByRole('button', { name: 'Add service' }).first());
  await check('dialog-add-service');
  await closeDialog();
  await openDialog(main.getByRole('button', { name: 'Edit', exact: true }).first());
  await check('dialog-edit-service');
  await closeDialog();
  await openDialog(main.getByRole('button', { name: 'Add credential' }));
  await check('dialog-add-credential');
  await closeDialog();
  await openDialog(main.getByRole('button', { name: 'Rotate' }).first());
  await check('dialog-rotate');
  await closeDialog();
  await openDialog(main.getByRole('button', { name: 'Delete', exact: true }).first());
  await check('dialog-delete-service');
  await closeDialog();

  // Codes, the MFA lab and their dialogs.
  await nav('Codes');
  await expect(app.getByRole('list', { name: 'One-time codes' })).toBeVisible();
  await check('codes');
  await openDialog(app.getByRole('button', { name: 'Add code' }));
  await check('dialog-add-code');
  await closeDialog();
  await openDialog(app.getByRole('button', { name: /^Show QR for/ }).first());
  await check('dialog-qr');
  await closeDialog();
  await openDialog(app.getByRole('button', { name: /^Recovery codes for/ }).first());
  await check('dialog-recovery-codes');
  await closeDialog();
  await app.getByRole('tab', { name: 'MFA lab' }).click();
  // With a set of recovery codes on screen, so their list and the storage advice are measured too.
  await app.getByRole('button', { name: 'Generate codes' }).click();
  await expect(app.getByTestId('lab-backup-codes')).toBeVisible();
  await check('mfa-lab');

  // OAuth & JWT.
  await nav('OAuth & JWT');
  await expect(app.getByTestId('oauth-row').first()).toBeVisible();
  await check('oauth');
  await openDialog(app.getByRole('button', { name: 'New OAuth client' }));
  await check('dialog-new-oauth-client');
  await closeDialog();
  await openDialog(app.getByTestId('oauth-row').first().getByRole('button', { name: 'Request log' }));
  await check('dialog-flow-log');
  await closeDialog();
  await app.getByRole('tab', { name: 'JWT tools' }).click();
  await check('jwt-tools');

  // The request tester with a response on screen.
  await nav('Requests');
  await check('requests');
  await app.getByLabel('Service').selectOption({ label: SERVICE });
  // The service's answer resets the URL to its base when it arrives; fill only after it.
  await expect(app.getByLabel('URL')).toHaveValue(`${BASE_URL}/`);
  await app.getByLabel('URL').fill(`${server.url}/v2/payments/settlements?from=2026-01-01`);
  await app.getByRole('button', { name: 'Send' }).click();
  // The local server is not the service's host: the app asks first (host binding).
  const hostPrompt = app.getByRole('dialog', { name: /^Send Main key to 127\.0\.0\.1:\d+\?$/ });
  await expect(hostPrompt).toBeVisible();
  await check('dialog-host-prompt');
  await hostPrompt.getByRole('button', { name: 'Send to this host' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  await check('requests-response');
  await app
    .getByRole('form', { name: 'Compose request' })
    .getByRole('tab', { name: /^Headers/ })
    .click();
  await check('requests-headers');

  for (const [label, name] of [
    ['Audit', 'audit'],
    ['Health', 'health'],
    ['Import & export', 'transfer'],
  ] as const) {
    await nav(label);
    await check(name);
  }
  // The import preview of a realistic .env: secrets, configuration, an AWS key pair.
  await app.locator('#import-file').setInputFiles(join(import.meta.dirname, '../fixtures/import/realistic.env'));
  await app.getByRole('button', { name: 'Preview' }).click();
  await expect(app.getByTestId('import-row')).toHaveCount(12);
  await check('import-preview');
  // A Google service-account key's preview: one row whose long e-mail must wrap, not overflow.
  const key = serviceAccountFile({ projectId: 'payments-gateway-production-4821', account: 'settlement-exporter' });
  await app.locator('#import-file').setInputFiles({
    name: 'payments-gateway-production-4821-9f8e7d6c5b4a.json',
    mimeType: 'application/json',
    buffer: Buffer.from(key.text),
  });
  await app.getByRole('button', { name: 'Preview' }).click();
  await expect(app.getByTestId('import-row')).toHaveCount(1);
  await check('import-preview-service-account');
  await openDialog(app.getByRole('button', { name: 'Export as plain text…' }));
  await check('dialog-export-plaintext');
  await closeDialog();
  await nav('Settings');
  await check('settings');
  await nav('About');
  await check('about');

  // The quick-access palette over the app.
  await app.evaluate("window.location.hash = '#/quick-access'");
  await expect(app.getByRole('combobox', { name: 'Search services and credentials' })).toBeFocused();
  await check('quick-access');
  await app.keyboard.press('Escape');

  // Locked: the unlock screen, and after a wrong password.
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  await check('unlock');
  await app.getByLabel('Master password').fill('not the password');
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('alert')).toHaveText('Wrong password.');
  await check('unlock-error');

  // A damaged vault file: the unlock screen says so and offers the backup; opened read-only, a banner.
  const file = host.composed.services.vault.path;
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(file, bytes);
  await app.getByLabel('Master password').fill(MASTER);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByTestId('damaged-vault')).toBeVisible();
  await check('unlock-damaged');
  await app.getByRole('button', { name: 'Open the backup read-only' }).click();
  await expect(app.getByTestId('read-only-banner')).toBeVisible();
  await check('read-only-backup');
});
