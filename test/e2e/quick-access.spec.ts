/**
 * The quick-access palette in the browser host: search, Enter copies (checked on the real
 * X clipboard when there is a display), Tab for the other actions, Escape closes. Also
 * draws the tray menu from its template, for a screenshot to look at.
 */
import type { Page } from '@playwright/test';
import { type TrayMenuItem, trayMenuTemplate } from '../../main/security/tray-menu';
import type { HostApp } from '../host/host-app';
import { expect, screenshot, test } from './fixtures';
import { holdEnterAndKeep } from './held-key';
import { call, createVaultThroughUi, MASTER, settingsOfNewVault } from './vault-helpers';
import { expectCopied } from './x-clipboard';

const STRIPE_KEY = 'sk_live_palette_51Hx9';
const DB_USER = 'admin_user';
const DB_PASSWORD = 'db-password-Zq81';

async function seed(host: HostApp): Promise<void> {
  const stripe = await call<{ id: string }>(host, 'services.create', {
    service: { name: 'Stripe', baseUrl: 'https://api.stripe.com', tags: ['payments'], favourite: true },
  });
  await call(host, 'credentials.add', {
    serviceId: stripe.id,
    kind: 'api-key',
    name: 'live key',
    fields: { value: STRIPE_KEY, header: 'Authorization', prefix: 'Bearer ' },
  });
  await call(host, 'credentials.add', {
    serviceId: stripe.id,
    kind: 'api-key',
    name: 'test key',
    fields: { value: 'sk_test_other', header: 'Authorization' },
  });
  const db = await call<{ id: string }>(host, 'services.create', { service: { name: 'Staging DB' } });
  await call(host, 'credentials.add', {
    serviceId: db.id,
    kind: 'basic',
    name: 'admin',
    fields: { username: DB_USER, password: DB_PASSWORD },
  });
  const gh = await call<{ id: string }>(host, 'services.create', { service: { name: 'GitHub' } });
  await call(host, 'credentials.add', {
    serviceId: gh.id,
    kind: 'totp',
    name: '2FA',
    fields: { secret: 'JBSWY3DPEHPK3PXP' },
  });
}

async function openPalette(page: Page) {
  await page.evaluate("window.location.hash = '#/quick-access'");
  const box = page.getByRole('combobox', { name: 'Search services and credentials' });
  await expect(box).toBeFocused();
  return box;
}

test('search, Enter copies the primary secret without showing it, arrows move, Escape closes', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await seed(host);
  const box = await openPalette(app);
  const results = app.getByRole('listbox', { name: 'Credentials' });
  await expect(results.getByRole('option')).toHaveCount(4);

  await box.fill('stripe');
  await expect(results.getByRole('option')).toHaveCount(2);
  const first = results.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id')) ?? '');
  await box.press('ArrowDown');
  await expect(results.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowUp');

  await box.fill('stripe live');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option')).toContainText('Stripe / live key');
  await screenshot(app, 'quick-access-palette');
  await box.press('Enter');
  await expect(app.getByRole('status')).toContainText('copied; cleared in 30 s');
  await expectCopied(host, STRIPE_KEY);
  // Nothing secret ever reaches the page.
  expect(await app.content()).not.toContain(STRIPE_KEY);

  // A TOTP code is computed in main at copy time.
  await box.fill('2fa');
  await box.press('Enter');
  await expect(app.getByRole('status')).toContainText('Code of GitHub / 2FA copied');
  await expectCopied(host, /^\d{6}$/);

  // A click on a result copies too (quick.copy is a gesture channel: the click is the gesture).
  await box.fill('stripe');
  await results.getByRole('option').filter({ hasText: 'test key' }).click();
  await expect(app.getByRole('status')).toContainText('Stripe / test key copied');
  await expectCopied(host, 'sk_test_other');

  await box.press('Escape');
  await expect(box).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Lock now' })).toBeVisible();
});

test('Tab shows the other actions: username, environment variable, reference, request tester', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await seed(host);
  const box = await openPalette(app);
  await box.fill('staging');
  await box.press('Tab');
  const actions = app.getByRole('listbox', { name: 'Actions' });
  await expect(actions.getByRole('option')).toHaveText([
    'Copy password',
    'Copy username',
    'Copy as environment variable',
    'Copy secret reference',
    'Open in the request tester',
  ]);
  await expect(actions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await screenshot(app, 'quick-access-actions');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(app.getByRole('status')).toContainText('Username of Staging DB / admin copied');
  await expectCopied(host, DB_USER);

  await box.press('Tab');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(app.getByRole('status')).toContainText('Environment variable line');
  await expectCopied(host, `STAGING_DB_ADMIN=${DB_PASSWORD}`);

  await box.press('Tab');
  await box.press('ArrowUp');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(app.getByRole('status')).toContainText('Secret reference');
  await expectCopied(host, 'latch://Staging%20DB/admin');

  // Escape inside the actions goes back to the list, not out of the palette.
  await box.press('Tab');
  await box.press('Escape');
  await expect(app.getByRole('listbox', { name: 'Credentials' })).toBeVisible();

  await box.press('Tab');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(box).toHaveCount(0);
  await expect(app.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  expect(await app.content()).not.toContain(DB_PASSWORD);
});

test('the locked palette unlocks right there: quick unlock where it is on, else the master password', async ({
  app,
  host,
}) => {
  const created = await host.composed.dispatch(
    'vault.create',
    { password: MASTER, quickUnlock: true, iterations: 100_000 },
    { transport: 'browser-host' },
  );
  expect(created.ok).toBe(true);
  const armed = created.ok && (created.value as { status: { quickUnlock: string } }).status.quickUnlock === 'armed';
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  await app.evaluate("window.location.hash = '#/quick-access'");
  await expect(app.getByText('Latch is locked. Unlock it to copy from here.')).toBeVisible();
  const search = app.getByRole('combobox', { name: 'Search services and credentials' });
  if (armed) {
    await app.getByRole('button', { name: 'Quick unlock' }).click();
    await expect(search).toBeVisible();
    await host.composed.dispatch('vault.lock', {}, { transport: 'browser-host' });
  } else {
    // No keychain on this machine: quick unlock cannot be on, so the palette does not offer it.
    test.info().annotations.push({ type: 'note', description: 'no keychain: quick unlock not exercised' });
    await expect(app.getByRole('button', { name: 'Quick unlock' })).toHaveCount(0);
  }
  // The app stays mounted, hidden, under the palette (its own unlock field with it): ask the palette.
  const password = app.getByRole('dialog', { name: 'Quick access' }).getByLabel('Master password');
  await expect(password).toBeFocused();
  await password.fill('not the password');
  await password.press('Enter');
  await expect(app.getByRole('alert')).toHaveText('Wrong password.');
  await password.fill(MASTER);
  await password.press('Enter');
  await expect(search).toBeVisible();
  await screenshot(app, 'quick-access-unlocked-from-palette');
});

function renderMenu(items: TrayMenuItem[]): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const list = (xs: TrayMenuItem[]): string =>
    xs
      .map((i) =>
        i.type === 'separator'
          ? '<li class="sep" role="separator"></li>'
          : `<li class="${i.enabled === false ? 'off' : ''}${i.submenu ? ' sub' : ''}"><span>${esc(i.label ?? '')}</span>${
              i.accelerator ? `<kbd>${esc(i.accelerator)}</kbd>` : ''
            }${i.submenu ? `<ul>${list(i.submenu)}</ul>` : ''}</li>`,
      )
      .join('');
  return `<!doctype html><html><head><style>
    body { font: 13px system-ui, sans-serif; background: #dfe3e8; margin: 16px; display: flex; gap: 250px; align-items: flex-start; }
    h2 { font-size: 12px; margin: 0 0 6px; color: #444; }
    ul { list-style: none; margin: 0; padding: 4px 0; background: #fff; border: 1px solid #b9bec5; border-radius: 6px;
         box-shadow: 0 6px 18px rgba(0,0,0,.18); min-width: 220px; }
    li { padding: 4px 14px; display: flex; justify-content: space-between; gap: 18px; position: relative; }
    li.off { color: #8a8f96; }
    li.sub > span::after { content: '  ▸'; color: #666; }
    li.sep { border-top: 1px solid #e2e4e8; margin: 4px 0; padding: 0; }
    kbd { color: #777; font: inherit; }
    li > ul { position: absolute; left: 100%; top: -5px; display: none; }
    li.open > ul { display: block; }
  </style></head><body><ul>${'%MENUS%'}</ul></body></html>`.replace('%MENUS%', list(items));
}

test('tray menu rendered from its template (screenshot)', async ({ page }) => {
  const now = 1_699_999_998_000; // 12 s left in the current 30 s TOTP window
  const services = [
    {
      id: 's-gh',
      name: 'GitHub',
      favourite: true,
      credentials: [
        { id: 'c-pat', name: 'PAT', kind: 'bearer' as const },
        { id: 'c-2fa', name: '2FA', kind: 'totp' as const, totp: { type: 'totp' as const, period: 30 } },
      ],
    },
    {
      id: 's-st',
      name: 'Stripe',
      favourite: true,
      credentials: [{ id: 'c-st', name: 'live', kind: 'api-key' as const }],
    },
    {
      id: 's-db',
      name: 'Staging DB',
      favourite: false,
      credentials: [{ id: 'c-db', name: 'admin', kind: 'basic' as const }],
    },
  ];
  const unlocked = trayMenuTemplate({
    state: 'unlocked',
    quickUnlockArmed: true,
    services,
    recent: [{ serviceId: 's-db', credentialId: 'c-db' }],
    now,
    quickAccessAccelerator: 'Ctrl+Shift+L',
  });
  const locked = trayMenuTemplate({ state: 'locked', quickUnlockArmed: true, services, recent: [], now });
  const html = `<div><h2>Unlocked</h2>${renderMenu(unlocked).match(/<body>(.*)<\/body>/s)?.[1]}</div><div><h2>Locked</h2>${
    renderMenu(locked).match(/<body>(.*)<\/body>/s)?.[1]
  }</div>`;
  await page.setViewportSize({ width: 760, height: 460 });
  await page.setContent(renderMenu([]).replace(/<body>.*<\/body>/s, `<body>${html}</body>`));
  // Open GitHub's submenu, as a user hovering it would see it.
  await page
    .locator('li.sub', { hasText: 'GitHub' })
    .first()
    .evaluate((el) => el.classList.add('open'));
  await expect(page.getByText('2FA: Copy code (12 s left)')).toBeVisible();
  await expect(page.getByText('Quick unlock')).toBeVisible();
  await screenshot(page, 'tray-menu');
});

test('Settings: tray toggles save; the shortcut is recorded from the keys; a refused one says so and offers fallbacks', async ({
  app,
  host,
}) => {
  await settingsOfNewVault(app);
  const tray = app.getByLabel('Closing the window keeps Latch in the tray');
  // A controlled box: it shows the new state once main has saved it.
  await tray.click();
  // It lowers protection: main asks first (the test says yes for the user).
  await host.confirmations.answerNext(true);
  await expect(tray).toBeChecked();
  await expect.poll(() => host.composed.services.settings.get().closeToTray).toBe(true);
  await expect(app.getByText('Global shortcuts work in the desktop app')).toBeVisible();

  // The recorder: focus it and press the keys; it shows chips and stores Electron's accelerator.
  const stored = () => host.composed.services.settings.get().quickAccessShortcut;
  const recorder = app.getByRole('textbox', { name: 'Quick-access shortcut' });
  const chips = () => recorder.locator('kbd').allTextContents();
  expect(await chips()).toEqual(['Ctrl', 'Shift', 'L']);
  await recorder.focus();
  await app.keyboard.press('Control+Alt+K');
  await host.confirmations.answerNext(true);
  await expect.poll(stored).toBe('CommandOrControl+Alt+K');
  await expect.poll(chips).toEqual(['Ctrl', 'Alt', 'K']);
  // A key without a modifier is shown with the reason, and not stored.
  await app.keyboard.press('k');
  const why = app.getByText('Add Ctrl, Alt, Cmd or Super');
  await expect(why).toBeVisible();
  await expect(recorder).toHaveAttribute('aria-invalid', 'true');
  expect(await chips()).toEqual(['K']);
  await screenshot(app, 'settings-shortcut-recorder-refused');
  // Escape puts the saved one back; Backspace clears to record again.
  await app.keyboard.press('Escape');
  await expect(why).toHaveCount(0);
  expect(await chips()).toEqual(['Ctrl', 'Alt', 'K']);
  await app.keyboard.press('Backspace');
  await expect(recorder).toHaveText('Press the keys');
  await app.keyboard.press('Control+Shift+Digit1');
  await host.confirmations.answerNext(true);
  await expect.poll(stored).toBe('CommandOrControl+Shift+1');
  await expect.poll(chips).toEqual(['Ctrl', 'Shift', '1']);
  // Tab leaves the field (no keyboard trap) and records nothing.
  await app.keyboard.press('Tab');
  await expect(recorder).not.toBeFocused();
  expect(stored()).toBe('CommandOrControl+Shift+1');
  // Main checks the accelerator itself, whatever the page sends.
  for (const bad of ['L', 'Shift+L', 'Ctrl+Hyper+L', 'CommandOrControl+Shift+']) {
    const reply = await host.composed.dispatch(
      'settings.update',
      { quickAccessShortcut: bad },
      { transport: 'browser-host' },
    );
    expect(reply, bad).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
  }
  expect(stored()).toBe('CommandOrControl+Shift+1');

  // What the shell reports when globalShortcut.register returns false.
  const refused = app.getByText('The system did not take this shortcut');
  host.composed.services.quickAccess.setShortcut({
    accelerator: 'CommandOrControl+Shift+1',
    state: 'refused',
    fallbacks: ['Control+Alt+Space', 'Control+Shift+Semicolon'],
  });
  await expect(refused).toBeVisible();
  await refused.scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-shortcut-refused');
  await app.getByRole('button', { name: 'Control+Alt+Space' }).click();
  await host.confirmations.answerNext(true);
  await expect.poll(stored).toBe('Control+Alt+Space');
  await expect.poll(chips).toEqual(['Ctrl', 'Alt', 'Space']);
  await expect(refused).toHaveCount(0);
});

test('holding Enter in the palette copies once: the key repeats are not refused copies that replace "copied"', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await seed(host);
  const box = await openPalette(app);
  await box.fill('stripe live');
  await expect(app.getByRole('listbox', { name: 'Credentials' }).getByRole('option')).toHaveCount(1);
  await holdEnterAndKeep(app, () => expect(app.getByRole('status')).toContainText('Stripe / live key copied'));
});
