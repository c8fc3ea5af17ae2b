import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { call, createVaultThroughUi, MASTER, settingsOfNewVault } from './vault-helpers';
import { readXClipboard } from './x-clipboard';

test('create a vault, lock it, refuse a wrong password, unlock with the right one', async ({ app, dataDir }) => {
  await expect(app.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await app.getByLabel('Master password', { exact: true }).fill(MASTER);
  await app.getByLabel('Master password again').fill('something else');
  await expect(app.getByText('The two passwords are not the same.')).toBeVisible();
  await screenshot(app, 'vault-create');
  await app.getByLabel('Master password again').fill(MASTER);
  await app.getByRole('button', { name: 'Create vault' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
  const file = join(dataDir, 'vault.latch');
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file).includes(Buffer.from(MASTER))).toBe(false);

  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  const title = app.getByRole('heading', { name: 'Unlock Latch' });
  const titleTop = (await title.boundingBox())?.y;
  await app.getByLabel('Master password').fill('not the password');
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('alert')).toHaveText('Wrong password.');
  // The back-off main enforces shows on the button while it runs (1 s after one failure)…
  const submit = app.locator('form button[type="submit"]');
  await expect(submit).toHaveText('Wait 1 s');
  await expect(submit).toBeDisabled();
  // …and the card did not move when the error appeared.
  expect((await title.boundingBox())?.y).toBe(titleTop);
  await screenshot(app, 'vault-unlock-wrong');
  await expect(submit).toHaveText('Unlock');
  // A second wrong password earns 2 s.
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(submit).toHaveText('Wait 2 s');
  await app.getByLabel('Master password').fill(MASTER);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
});

test('the vault locks itself after the idle time set in Settings', async ({ app, host }) => {
  await settingsOfNewVault(app);
  const field = app.getByLabel('Auto-lock after (minutes)');
  await field.fill('1');
  await field.blur();
  await expect.poll(() => host.composed.services.settings.get().autoLockMinutes).toBe(1);
  await screenshot(app, 'settings');
  // The page takes whole minutes only (a script could lock the user out with a few milliseconds); main
  // itself still takes a fraction, which keeps this test to seconds.
  host.composed.services.vault.updateSettings({ autoLockMinutes: 0.05 });
  // 3 seconds of no activity: the gate comes back and says why.
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible({ timeout: 15_000 });
  await expect(app.getByText('Latch locked itself after a period of inactivity.')).toBeVisible();
  // Nothing from inside the vault is on screen while locked.
  await expect(app.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
});

test('Settings lists the automatic backup made at unlock, with its date', async ({ app }) => {
  await settingsOfNewVault(app);
  const table = app.getByRole('table', { name: 'Automatic backups' });
  await expect(table.getByRole('row')).toHaveCount(2); // the header and today's backup
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  await expect(table.getByRole('cell', { name: new RegExp(`^vault-${today}-\\d{6}\\.latch$`) })).toBeVisible();
  await table.scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-backups');
  await app.setViewportSize({ width: 900, height: 700 });
  await table.scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-backups-900');
});

test('change the master password in Settings, then again with a re-key', async ({ app, dataDir }) => {
  await settingsOfNewVault(app);
  await app.getByLabel('Current password').fill('wrong one');
  // A typo in the new password is caught by the second field, under it, and clears when fixed.
  await app.getByLabel('New password', { exact: true }).fill('a brand new password');
  await app.getByLabel('New password again').fill('a brand new pasword');
  const mismatch = app.getByText('The two passwords are not the same.');
  await expect(mismatch).toBeVisible();
  await app.getByLabel('New password again').fill('a brand new password');
  await expect(mismatch).toBeHidden();
  await expect(app.getByTestId('strength-meter')).toContainText(/to crack offline/);
  await app.getByRole('button', { name: 'Change password' }).click();
  await expect(app.getByText('Wrong password.')).toBeVisible();
  await app.getByLabel('Current password').fill(MASTER);
  await expect(app.getByText('Wrong password.')).toBeHidden();
  await app.getByRole('button', { name: 'Change password' }).click();
  await expect(app.getByText('Master password changed.')).toBeVisible();
  await app.getByRole('button', { name: 'Lock now' }).click();
  // Settings has a "Master password" field of its own: wait for the unlock screen first.
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  await app.getByLabel('Master password').fill('a brand new password');
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });

  // The re-key: a checkbox under the new password, then what becomes of the backups under the old key.
  const vaultFile = join(dataDir, 'vault.latch');
  expect(existsSync(`${vaultFile}.bak`)).toBe(true);
  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByLabel('Current password').fill('a brand new password');
  await app.getByLabel('New password', { exact: true }).fill('a re-keyed master password');
  await app.getByLabel('New password again').fill('a re-keyed master password');
  await expect(app.getByRole('radiogroup', { name: 'Backups under the old key' })).toHaveCount(0);
  await app.getByRole('checkbox', { name: /Also replace the vault key/ }).check();
  await expect(app.getByRole('radio', { name: /Delete them/ })).toBeChecked();
  await app.getByRole('radio', { name: /Re-key them/ }).check();
  await app.getByRole('radio', { name: /Delete them/ }).check();
  await app.getByRole('radio', { name: /Delete them/ }).scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-rekey');
  await app.getByRole('button', { name: 'Change password and re-key' }).click();
  const report = app.getByRole('status').filter({ hasText: 'vault re-keyed' });
  await expect(report).toContainText(/record\(s\) re-encrypted\. \d+ backup\(s\) deleted\./, { timeout: 20_000 });
  expect(existsSync(`${vaultFile}.bak`)).toBe(false);
  await screenshot(app, 'settings-rekey-done');
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  await app.getByLabel('Master password').fill('a re-keyed master password');
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
});

test('hardened mode shows a recovery kit to save before the vault opens', async ({ app }) => {
  await app.getByLabel('Master password', { exact: true }).fill(MASTER);
  await app.getByLabel('Master password again').fill(MASTER);
  await app.getByRole('radio', { name: /Hardened/ }).check();
  await app.getByRole('button', { name: 'Create vault' }).click();
  await expect(app.getByRole('heading', { name: 'Save your recovery kit' })).toBeVisible({ timeout: 20_000 });
  const kit = app.getByTestId('recovery-kit');
  await expect(kit).not.toBeEmpty();
  const text = (await kit.textContent()) ?? '';
  // The secret wraps between groups only, even at the narrowest window: each group is one line.
  await app.setViewportSize({ width: 720, height: 560 });
  const secret = app.getByTestId('recovery-secret');
  const groups = secret.locator('.kit__group');
  const count = await groups.count();
  expect(count).toBeGreaterThan(10);
  const lineHeight = (await groups.first().boundingBox())?.height ?? 0;
  for (let i = 0; i < count; i++) expect((await groups.nth(i).boundingBox())?.height).toBe(lineHeight);
  expect((await secret.textContent())?.replace(/-/g, '')).toBe(
    /LATCH-RK1-[A-Z2-7-]+/.exec(text)?.[0].replace(/-/g, ''),
  );
  await screenshot(app, 'vault-recovery-kit-720');
  await app.setViewportSize({ width: 1280, height: 800 });
  await screenshot(app, 'vault-recovery-kit');
  // Copy puts the whole kit on the clipboard through main's guard, which clears it later.
  await app.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(app.getByRole('status').filter({ hasText: 'the clipboard clears in 30 s' })).toBeVisible();
  if (process.env.DISPLAY) await expect.poll(readXClipboard).toBe(text);
  // Print opens the print dialog on a page that holds the kit and no buttons.
  await app.evaluate('window.print = () => { window.printed = (window.printed ?? 0) + 1 }');
  await app.getByRole('button', { name: 'Print…' }).click();
  await expect.poll(() => app.evaluate('window.printed')).toBe(1);
  await app.emulateMedia({ media: 'print' });
  await expect(app.getByRole('button', { name: 'Continue' })).toBeHidden();
  await expect(app.locator('.kit__print-only')).toHaveText(text);
  await screenshot(app, 'vault-recovery-kit-print');
  await app.emulateMedia({ media: 'screen' });
  // Save downloads the kit as a text file.
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Save as file…' }).click();
  expect((await download).suggestedFilename()).toBe('latch-recovery-kit.txt');
  const continueButton = app.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await app.getByLabel('I have saved it').check();
  await continueButton.click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
  await app.getByRole('button', { name: 'Settings' }).click();
  await expect(app.getByText('Hardened (password + this machine)')).toBeVisible();
});

test('a damaged vault file: the unlock screen says so, opens the backup read-only, then restores it', async ({
  app,
  host,
  dataDir,
}) => {
  await createVaultThroughUi(app);
  // A second save, so `<vault>.bak` holds the vault with one service.
  await call(host, 'services.create', { service: { name: 'In the backup' } });
  await call(host, 'services.create', { service: { name: 'Only in the damaged file' } });
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  const file = join(dataDir, 'vault.latch');
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(file, bytes);

  await app.getByLabel('Master password').fill(MASTER);
  await app.getByRole('button', { name: 'Unlock' }).click();
  const notice = app.getByTestId('damaged-vault');
  await expect(notice).toContainText('The vault file is damaged');
  await expect(notice).toContainText(/checksum/);
  await expect(notice).toContainText(/Its backup, saved .+, looks intact/);
  await expect(app.getByRole('button', { name: 'Unlock', exact: true })).toHaveCount(0);
  await screenshot(app, 'vault-damaged');
  await app.setViewportSize({ width: 900, height: 700 });
  await screenshot(app, 'vault-damaged-900');
  await app.setViewportSize({ width: 1280, height: 800 });

  // Read-only: the backup's content, a banner, every change refused; Close goes back.
  await app.getByRole('button', { name: 'Open the backup read-only' }).click();
  const banner = app.getByTestId('read-only-banner');
  await expect(banner).toContainText('Read-only backup.');
  await expect(app.getByText('In the backup')).toBeVisible();
  await expect(app.getByText('Only in the damaged file')).toHaveCount(0);
  await screenshot(app, 'vault-read-only-backup');
  const refused = await call(host, 'services.create', { service: { name: 'x' } }).catch((e: Error) => e.message);
  expect(String(refused)).toContain('ERR_VAULT_READ_ONLY');
  await banner.getByRole('button', { name: 'Close the backup' }).click();
  await expect(app.getByTestId('damaged-vault')).toBeVisible();
  expect(readFileSync(file).equals(bytes)).toBe(true);

  // Restore: the damaged file is kept aside, the backup is the vault again.
  await app.getByLabel('Master password').fill(MASTER);
  await app.getByRole('button', { name: 'Restore the backup' }).click();
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId('read-only-banner')).toHaveCount(0);
  await expect(app.getByText('In the backup')).toBeVisible();
  const aside = readdirSync(dataDir).filter((n) => n.startsWith('vault.latch.damaged-'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dataDir, aside[0]!)).equals(bytes)).toBe(true);
  await call(host, 'services.create', { service: { name: 'After the restore' } });
});
