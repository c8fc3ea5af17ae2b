import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { hotpCode, totpCode } from '../../main/core/totp';
import { migrationUri } from '../unit/totp/helpers/migration-encoder';
import { expect, screenshot, test } from './fixtures';
import { expectCopied } from './x-clipboard';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/ACME:dev%40acme.test?secret=${SECRET}&issuer=ACME&period=30`;
const PASSWORD = 'correct horse battery staple';
const ascii = (s: string) => new TextEncoder().encode(s);
const digitsOnly = (s: string | null) => (s ?? '').replace(/\s/g, '');

async function createVault(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Master password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Codes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Codes', exact: true })).toBeVisible();
}

async function openAdd(page: Page, tab: string) {
  await page.getByRole('button', { name: 'Add code' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a one-time code' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: tab }).click();
  return dialog;
}

/** The code on screen and the end of its window, once main has sent them. */
async function shownCode(page: Page, name: string) {
  const row = page.getByTestId('totp-row').filter({ hasText: name });
  await expect(row.getByTestId('totp-code')).toHaveText(/\d/);
  await expect(row).toHaveAttribute('data-valid-until', /^\d+$/);
  const code = digitsOnly(await row.getByTestId('totp-code').textContent());
  const validUntil = Number(await row.getAttribute('data-valid-until'));
  return { row, code, validUntil };
}

/** The code on screen equals the core's code for its window (polled: a boundary may pass between the reads). */
async function expectCoreCode(page: Page, name: string, compute: (atMs: number) => string) {
  await expect
    .poll(async () => {
      const { code, validUntil } = await shownCode(page, name);
      return code === compute(validUntil - 1000);
    })
    .toBe(true);
}

/** The command line's code for a link at a moment (helper 5's `latch totp --uri URI --at S`): a third, independent path. */
function cliCode(uri: string, atMs: number): string {
  const root = join(import.meta.dirname, '../..');
  return execFileSync(
    join(root, 'node_modules/.bin/tsx'),
    ['main/cli/index.ts', 'totp', '--uri', '-', '--at', String(Math.floor(atMs / 1000))],
    {
      cwd: root,
      encoding: 'utf8',
      input: uri,
    },
  ).trim();
}

/** Code and window end read so that no boundary passed between the two reads. */
async function steadyCode(page: Page, name: string) {
  for (;;) {
    const a = await shownCode(page, name);
    const b = await shownCode(page, name);
    if (a.code === b.code && a.validUntil === b.validUntil) return a;
  }
}

test('add by link: the live code is the core’s code, counts down, shows the next one and copies', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  await createVault(app);
  await expect(app.getByText('No one-time codes yet')).toBeVisible();

  const dialog = await openAdd(app, 'otpauth:// link');
  await dialog.getByLabel('Set-up link').fill(URI);
  const preview = dialog.getByTestId('totp-preview');
  await expect(preview).toContainText('ACME');
  await expect(preview).toContainText('dev@acme.test');
  await screenshot(app, 'totp-add');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog).toBeHidden();

  const row = app.getByTestId('totp-row').filter({ hasText: 'dev@acme.test' });
  await expect(row.getByTestId('totp-code')).toHaveText(/^\d{3} \d{3}$/);
  // The code shown is the one the core computes for its window.
  await expectCoreCode(app, 'dev@acme.test', (at) => totpCode({ secret: SECRET, period: 30 }, at));
  const steady = await steadyCode(app, 'dev@acme.test');
  expect(cliCode(URI, steady.validUntil - 1000)).toBe(steady.code);

  // The countdown moves.
  const remaining = row.getByTestId('totp-remaining');
  const first = Number(await remaining.getAttribute('data-seconds'));
  await expect
    .poll(async () => Number(await remaining.getAttribute('data-seconds')), { timeout: 5_000 })
    .not.toBe(first);

  // Near the end of the window the next code shows beside the current one.
  await expect
    .poll(async () => Number(await remaining.getAttribute('data-seconds')), { timeout: 35_000, intervals: [250] })
    .toBeLessThanOrEqual(4);
  const next = row.getByTestId('totp-next');
  await expect(next).toBeVisible();
  const { validUntil } = await shownCode(app, 'dev@acme.test');
  const expectedNext = totpCode({ secret: SECRET, period: 30 }, validUntil);
  expect(digitsOnly(await next.locator('.totp-next__code').textContent())).toBe(expectedNext);
  await screenshot(app, 'totp-codes');

  // At the boundary the next code becomes the current one.
  await expect
    .poll(async () => digitsOnly(await row.getByTestId('totp-code').textContent()), { timeout: 10_000 })
    .toBe(expectedNext);
  await expect(next).toBeHidden();

  // A click copies (totp.copy is a gesture channel: the click is the gesture); the new window has 25 s to go.
  await row.getByTestId('totp-code').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Code copied' })).toBeVisible();
  await expectCopied(host, expectedNext);

  // The QR and link can be shown again, on purpose.
  await row.getByRole('button', { name: /Show QR/ }).click();
  const qr = app.getByRole('dialog', { name: /Set-up QR/ });
  await qr.getByRole('button', { name: 'Show QR and link' }).click();
  await expect(qr.getByTestId('totp-uri')).toContainText(`secret=${SECRET}`);
  await qr.getByRole('button', { name: 'Close' }).click();

  // Search filters the list.
  await app.getByLabel('Search codes').fill('nothing-like-this');
  await expect(app.getByText(/No code matches/)).toBeVisible();
});

test('add by QR image; a bad secret or link is pointed at once, a short key is added with a warning; footer errors stay on their tab', async ({
  app,
}) => {
  await createVault(app);
  let dialog = await openAdd(app, 'Secret key');
  await dialog.getByLabel('Secret key').fill('JBSW0Y3DPEHPK3PXP');
  await expect(dialog.getByText('Character 5 is not Base32')).toBeVisible();
  await dialog.getByLabel('Secret key').fill('GEZDGNBVGY3TQ');
  await expect(dialog.getByTestId('totp-secret-warning')).toContainText('only 8 bytes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A link with a key under 10 bytes: the preview warns, and the code is still added and right.
  const shortUri = 'otpauth://totp/Old:short-user?secret=GEZDGNBVGY3TQ&issuer=Old';
  dialog = await openAdd(app, 'otpauth:// link');
  await dialog.getByLabel('Set-up link').fill(shortUri);
  await expect(dialog.getByTestId('totp-preview').getByTestId('totp-secret-warning')).toContainText('only 8 bytes');
  await screenshot(app, 'totp-short-key-warning');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog).toBeHidden();
  await expectCoreCode(app, 'short-user', (at) => totpCode({ secret: 'GEZDGNBVGY3TQ' }, at));

  const uri = 'otpauth://totp/QRCorp:qr-user?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=QRCorp';
  const png = await QRCode.toBuffer(uri, { margin: 2, scale: 6 });
  // A bad link: the one error under the field, and no footer blaming the service name.
  dialog = await openAdd(app, 'otpauth:// link');
  await dialog.getByLabel('Set-up link').fill('otpauth://totp/Broken?digits=6');
  const linkField = dialog.locator('.field', { has: app.getByLabel('Set-up link') });
  await expect(linkField.locator('.field__error')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog.locator('.totp-error')).toHaveCount(0);
  await expect(dialog.getByText('Name the service this code signs in to.')).toHaveCount(0);
  // A footer error belongs to its tab: switching tabs clears it, and so does a QR read.
  await dialog.getByLabel('Set-up link').fill('');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog.locator('.totp-error')).toHaveText('Paste a valid link first.');
  await dialog.getByRole('tab', { name: 'QR image' }).click();
  await expect(dialog.locator('.totp-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog.locator('.totp-error')).toHaveText('Drop or paste a QR image first.');
  await dialog.getByLabel('QR image').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
  await expect(dialog.getByTestId('totp-preview')).toContainText('qr-user');
  await expect(dialog.locator('.totp-error')).toHaveCount(0);
  await expect(dialog.getByTestId('totp-preview')).toContainText('QRCorp');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog).toBeHidden();
  await expectCoreCode(app, 'qr-user', (at) => totpCode({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }, at));
});

test('HOTP from a typed secret: next code moves the counter and copies; recovery codes are copied and crossed off', async ({
  app,
  host,
}) => {
  await createVault(app);
  const dialog = await openAdd(app, 'Secret key');
  await dialog.getByLabel('Secret key').fill('gezd gnbv gy3t qojq gezd gnbv gy3t qojq');
  await dialog.getByLabel('Issuer').fill('Counter Co');
  await dialog.getByLabel('Account').fill('hotp-user');
  await dialog.getByText('Advanced: type, algorithm, digits, period').click();
  await dialog.getByLabel('Type').selectOption('hotp');
  await dialog.getByRole('button', { name: 'Add code' }).click();
  await expect(dialog).toBeHidden();
  const row = app.getByTestId('totp-row').filter({ hasText: 'hotp-user' });
  await expect(row.getByTestId('totp-code')).toBeDisabled();
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  await row.getByRole('button', { name: 'Next code' }).click();
  await expect(row.getByTestId('totp-code')).toHaveText(hotpCode({ secret }, 0).replace(/^(\d{3})/, '$1 '));
  // From the keyboard: Enter on the code copies it (the key press is the gesture totp.copy needs).
  await row.getByTestId('totp-code').press('Enter');
  await expectCopied(host, hotpCode({ secret }, 0));
  await row.getByRole('button', { name: 'Next code' }).click();
  await expect(row.getByTestId('totp-code')).toHaveText(hotpCode({ secret }, 1).replace(/^(\d{3})/, '$1 '));
  await row.getByTestId('totp-code').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Code copied' }).first()).toBeVisible();
  await expectCopied(host, hotpCode({ secret }, 1));

  await row.getByRole('button', { name: 'Recovery codes for Counter Co' }).click();
  const recovery = app.getByRole('dialog', { name: /Recovery codes/ });
  await recovery.getByLabel(/Paste the codes/).fill('1. aaaa-bbbb-1111\n2. aaaa-bbbb-2222\n3. aaaa-bbbb-3333');
  await recovery.getByRole('button', { name: 'Save codes' }).click();
  await expect(recovery.getByText('3 of 3 left')).toBeVisible();
  await expect(recovery.getByTestId('backup-codes')).not.toContainText('1111');
  await recovery.getByRole('button', { name: 'Copy and mark used' }).first().click();
  await expect(recovery.getByText('2 of 3 left')).toBeVisible();
  await expectCopied(host, 'aaaa-bbbb-1111');
  await expect(recovery.getByText('Used', { exact: true })).toHaveCount(1);
});

test('Google Authenticator export: preview every account, import the chosen ones', async ({ app }) => {
  await createVault(app);
  const uri = migrationUri({
    version: 1,
    batchSize: 1,
    batchIndex: 0,
    batchId: 42,
    accounts: [
      { secret: ascii('12345678901234567890'), name: 'alice@example.com', issuer: 'Example', type: 2 },
      { secret: ascii('abcdefghijabcdefghij'), name: 'bob@work.test', issuer: 'Work', algorithm: 2, digits: 2 },
      { secret: ascii('zyxwvutsrqzyxwvutsrq'), name: 'carol', issuer: 'Skip', type: 2 },
      { secret: ascii('12345678901234567890'), name: 'legacy', issuer: 'Old', algorithm: 4 },
    ],
  });
  const dialog = await openAdd(app, 'Google Authenticator export');
  await dialog.getByLabel('Export link').fill(uri);
  const accounts = dialog.getByTestId('migration-accounts').getByRole('checkbox');
  await expect(accounts).toHaveCount(4);
  await expect(dialog.getByRole('checkbox', { name: /Old/ })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /Skip/ }).uncheck();
  await screenshot(app, 'totp-import');
  await dialog.getByRole('button', { name: 'Import 2 accounts' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('totp-row')).toHaveCount(2);
  expect((await shownCode(app, 'bob@work.test')).code).toMatch(/^\d{8}$/);
  await expectCoreCode(app, 'bob@work.test', (at) =>
    totpCode({ secret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK', algorithm: 'SHA256', digits: 8 }, at),
  );
  await expect(app.getByTestId('totp-row').filter({ hasText: 'carol' })).toHaveCount(0);
});

test('MFA lab: generate an enrolment and verify codes with a window', async ({ app }) => {
  await createVault(app);
  await app.getByRole('tab', { name: 'MFA lab' }).click();
  await app.getByLabel('Issuer').fill('Lab Corp');
  await app.getByLabel('Account').fill('tester@lab.test');
  await app.getByRole('button', { name: 'Generate secret' }).click();
  const secret = (await app.getByTestId('lab-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(app.getByTestId('lab-uri')).toContainText('otpauth://totp/Lab%20Corp:tester%40lab.test');

  const codeField = app.getByLabel('Code', { exact: true });
  await codeField.fill(totpCode({ secret }, Date.now()));
  await app.getByRole('button', { name: 'Verify' }).click();
  await expect(app.getByTestId('lab-verdict')).toHaveText(/^Valid, (current step|1 step late)$/);

  await codeField.fill(totpCode({ secret }, Date.now() - 90_000));
  await app.getByLabel('Window (± steps)').fill('1');
  await app.getByRole('button', { name: 'Verify' }).click();
  await expect(app.getByTestId('lab-verdict')).toHaveText('Not valid');
  await app.getByLabel('Window (± steps)').fill('4');
  await app.getByRole('button', { name: 'Verify' }).click();
  await expect(app.getByTestId('lab-verdict')).toHaveText(/^Valid, [34] steps late$/);

  // Recovery codes for the user's own app: count, length, alphabet and grouping; entropy; storage; copy; save.
  await app.getByLabel('Number of codes').fill('6');
  await app.getByLabel('Length').fill('12');
  await app.getByLabel('Alphabet').selectOption('digits');
  await app.getByLabel('Dash every').fill('4');
  await app.getByRole('button', { name: 'Generate codes' }).click();
  const list = app.getByTestId('lab-backup-codes').getByRole('listitem');
  await expect(list).toHaveCount(6);
  const codes = await list.allTextContents();
  for (const c of codes) expect(c).toMatch(/^\d{4}-\d{4}-\d{4}$/);
  expect(new Set(codes).size).toBe(6);
  await expect(app.getByTestId('lab-backup-entropy')).toContainText('39.9 bits');
  await expect(app.getByTestId('lab-backup-storage')).toContainText('Argon2id');
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByRole('button', { name: 'Copy codes' }).click();
  await expect.poll(() => app.evaluate('navigator.clipboard.readText()')).toBe(`${codes.join('\n')}\n`);
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Save as file…' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('recovery-codes.txt');
  expect(readFileSync((await saved.path()) ?? '', 'utf8')).toBe(`${codes.join('\n')}\n`);
  await screenshot(app, 'mfa-lab');
});
