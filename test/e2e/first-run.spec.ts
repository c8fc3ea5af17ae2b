/**
 * The first-run and vault screens: errors under their field that clear when fixed, the zxcvbn
 * meter with words, Show and Caps Lock on password fields, and "Open another vault file" with a
 * path that holds no vault.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi, MASTER } from './vault-helpers';

/** The field (label, control, error, hint) around an input. */
const fieldOf = (page: Page, input: Locator) => page.locator('.field').filter({ has: input });

/** Where a title sits inside the gate, whatever the page's scroll: it must not move when an error appears. */
const topInGate = (el: Locator) =>
  el.evaluate((node) => node.getBoundingClientRect().top - (node.closest('.gate')?.getBoundingClientRect().top ?? 0));

test('create: errors under their field clear when fixed; the meter names the strength; Show and Caps Lock', async ({
  app,
}) => {
  const password = app.getByLabel('Master password', { exact: true });
  const again = app.getByLabel('Master password again');
  const meter = app.getByTestId('strength-meter');
  const title = app.getByRole('heading', { name: 'Create your vault' });
  const titleTop = await topInGate(title);

  // Empty: no bar lit and no verdict.
  await expect(meter).toHaveAttribute('data-score', 'none');
  // "password1" is not an empty field: one red bar, its name and why.
  await password.fill('password1');
  await expect(meter).toHaveAttribute('data-score', '0');
  await expect(meter).toContainText('Very weak');
  await expect(meter).toContainText('to crack offline');
  await expect(meter).toContainText('commonly used password');
  await password.fill(MASTER);
  await expect(meter).toHaveAttribute('data-score', '4');
  await expect(meter).toContainText('Very strong');

  // Too short: said under the password field on submit, gone as soon as it is long enough.
  await password.fill('short');
  await app.getByRole('button', { name: 'Create vault' }).click();
  const tooShort = fieldOf(app, password).locator('.field__error');
  await expect(tooShort).toHaveText(/Too short/);
  await expect(fieldOf(app, again).locator('.field__error')).toHaveText('The two passwords are not the same.');
  await screenshot(app, 'vault-create-errors');
  // The card hangs from the top: the errors did not move the title.
  expect(await topInGate(title)).toBe(titleTop);
  await password.fill(MASTER);
  await expect(tooShort).toHaveCount(0);
  await again.fill(MASTER);
  await expect(fieldOf(app, again).locator('.field__error')).toHaveCount(0);

  // Show reveals what was typed and pressed again masks it. It keeps its name and says "pressed" while
  // the password shows: "Hide password, pressed" read as the opposite.
  const show = fieldOf(app, password).getByRole('button', { name: 'Show password' });
  await show.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(show).toHaveText('Show');
  await show.click();
  await expect(password).toHaveAttribute('type', 'password');
  await expect(show).toHaveAttribute('aria-pressed', 'false');

  // Caps Lock on while typing: warned under the field; off again: the warning goes.
  const key = (caps: boolean) =>
    // Runs in the page; the constructor is taken from there so this Node-typed file needs no DOM types.
    again.evaluate((el, on) => {
      const Ctor = el.ownerDocument.defaultView?.KeyboardEvent;
      if (Ctor) el.dispatchEvent(new Ctor('keyup', { key: 'a', bubbles: true, modifierCapsLock: on }));
    }, caps);
  await key(true);
  await expect(fieldOf(app, again).getByText('Caps Lock is on.')).toBeVisible();
  await key(false);
  await expect(fieldOf(app, again).getByText('Caps Lock is on.')).toHaveCount(0);
});

test('open another vault file: a path with no vault is said so, never remembered; Create here makes one', async ({
  app,
  host,
  dataDir,
}) => {
  await createVaultThroughUi(app);
  const first = host.composed.services.vault.path;
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();

  const typo = join(dataDir, 'no-such-folder', 'wrok.latch');
  const tryPath = async (path: string) => {
    const summary = app.getByText('Open another vault file');
    if (!(await app.getByLabel('Vault file path').isVisible())) await summary.click();
    await app.getByLabel('Vault file path').fill(path);
    await app.getByRole('button', { name: 'Open', exact: true }).click();
  };
  const notice = app.getByTestId('no-vault');

  // Back: the unlock screen as it was, still on the first vault.
  await tryPath(typo);
  await expect(notice).toContainText('No vault at this path');
  await expect(notice).toContainText(typo);
  await screenshot(app, 'vault-no-vault-here');
  expect(host.composed.services.vault.path).toBe(first);
  expect(existsSync(join(dataDir, 'no-such-folder'))).toBe(false);
  await notice.getByRole('button', { name: 'Back' }).click();
  await expect(notice).toHaveCount(0);
  await expect(app.getByTestId('vault-path')).toHaveText(first);

  // Choose another: the path field again, empty.
  await tryPath(typo);
  await notice.getByRole('button', { name: 'Choose another' }).click();
  await expect(app.getByLabel('Vault file path')).toHaveValue('');

  // Create here: the create form for that path, with a way back; then a vault there, remembered.
  await tryPath(typo);
  await notice.getByRole('button', { name: 'Create here' }).click();
  await expect(app.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await expect(app.getByText(typo)).toBeVisible();
  await app.getByRole('button', { name: 'Back' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  expect(host.composed.services.vault.path).toBe(first);
  await tryPath(typo);
  await notice.getByRole('button', { name: 'Create here' }).click();
  await createVaultThroughUi(app);
  expect(host.composed.services.vault.path).toBe(typo);
  expect(existsSync(typo)).toBe(true);
});
