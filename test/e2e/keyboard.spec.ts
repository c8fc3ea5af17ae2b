/**
 * Keyboard: on every screen the sidebar reaches (routes.tsx, Settings, About) at 1280 × 800, and on
 * the stacked and collapsed layouts at 900 × 700, Tab from the top walks every control, each
 * one drawn, in view and ringed (focus-checks.ts says how), and comes back to the top (no
 * trap). The services list is one Tab stop after the search, moved with the arrow keys. The
 * main dialogs keep focus inside, close on Escape and give focus back to the control that
 * opened them; menus, the star, copy buttons and the tag chips work from the keyboard. What a
 * pointer reads on hover (the status bar's details) is a Tab stop whose bubble opens on focus,
 * describes it, and closes on Escape; the OAuth redirect URI is shown whole.
 *
 * Budget: one page, one vault seeded through the contract, no sleeps.
 */
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { ROUTE_NAMES } from '../../renderer/src/app/route-names';
import type { HostApp } from '../host/host-app';
import { expect, SCREENSHOTS, test } from './fixtures';
import { walk } from './focus-checks';
import { call, MASTER } from './vault-helpers';
import { readXClipboard } from './x-clipboard';

const KEY = 'sk_live_keyboard_4242';
/** What the status bar shows of a failed automatic backup: "Backup failed", the reason in its detail. */
const BACKUP_ERROR = 'The automatic backup was skipped: no space left on the disk. Older backups were kept.';
const THEMES = ['light', 'dark'] as const;
/** Screens whose second tab is walked too. */
const SECOND_TABS: Record<string, string> = { [ROUTE_NAMES.totp]: 'MFA lab', [ROUTE_NAMES.oauth]: 'JWT tools' };
const hasX = Boolean(process.env.DISPLAY);

async function seed(host: HostApp): Promise<void> {
  await call(host, 'vault.create', { password: MASTER, iterations: 100_000 });
  const stripe = await call<{ id: string }>(host, 'services.create', {
    service: { name: 'Stripe', baseUrl: 'https://api.stripe.com', tags: ['payments', 'live', 'billing'] },
  });
  await call(host, 'credentials.add', {
    serviceId: stripe.id,
    kind: 'api-key',
    name: 'live key',
    fields: { value: KEY, header: 'Authorization' },
  });
  const github = await call<{ id: string }>(host, 'services.create', {
    service: { name: 'GitHub', baseUrl: 'https://api.github.com', tags: ['code'] },
  });
  await call(host, 'credentials.add', {
    serviceId: github.id,
    kind: 'totp',
    name: '2FA',
    fields: { secret: 'JBSWY3DPEHPK3PXP', account: 'dev@example.com' },
  });
  // A browser-grant client: its row shows the redirect URI to register, whole.
  await call(host, 'credentials.add', {
    serviceId: github.id,
    kind: 'oauth2',
    name: 'GitHub sign-in',
    fields: {
      provider: 'github',
      clientId: 'kbd-client',
      authorizationEndpoint: 'https://github.com/login/oauth/authorize',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
      scopes: 'read:user',
      redirectUri: 'http://127.0.0.1:53682/oauth/callback/for-a-long-path',
    },
  });
  // The status bar's backup item, as a failed automatic backup leaves it.
  host.composed.services.vault.lastBackupError = BACKUP_ERROR;
}

test('keyboard: every screen and dialog walks by Tab with a visible ring, no trap; everything operable', async ({
  app,
  host,
}) => {
  // The limit only catches a hang: about 1.5 min alone, twice that when the two cores are shared.
  test.setTimeout(240_000);
  await app.setViewportSize({ width: 1280, height: 800 });
  await seed(host);
  // Seeded through the contract while the page showed first run: the page learns of the new
  // vault on load. The rows are options of the services list box, not buttons.
  await app.reload();
  const stripeRow = app.getByRole('option', { name: /Stripe/ });
  await expect(stripeRow).toBeVisible();
  const sections = app.getByRole('navigation', { name: 'Sections' });
  const nav = (label: string) => sections.getByRole('button', { name: label, exact: true }).click();
  const problems: string[] = [];
  /** The focused state as it looks, in both themes, for a person to check (test-results/screenshots). */
  const shoot = async (name: string) => {
    const size = app.viewportSize();
    for (const theme of THEMES) {
      await app.emulateMedia({ colorScheme: theme });
      // Transitions finished: the colours of the theme just switched to, not half-way there.
      const file = `keyboard-${name}-${theme}-${size?.width}x${size?.height}.png`;
      await app.screenshot({ path: join(SCREENSHOTS, file), animations: 'disabled' });
    }
    await app.emulateMedia({ colorScheme: 'light' });
  };

  // Every screen at 1280 × 800; Services with a service open, so its card's controls are walked too.
  await stripeRow.click();
  await expect(app.getByRole('heading', { level: 1, name: 'Stripe' })).toBeVisible();
  // Every screen in light; in dark the screens with the most kinds of surface under a ring (list
  // selection, cards, chips, code rows): the ring's contrast depends on the surface, not the
  // window size, and test/unit/renderer/token-contrast.test.ts checks --accent on every surface.
  const everyScreen = [...Object.values(ROUTE_NAMES), 'Settings', 'About'];
  for (const theme of THEMES) {
    // No transitions: each ring's contrast is measured in the theme's own colours, not half-way between two.
    await app.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    for (const label of theme === 'light' ? everyScreen : [ROUTE_NAMES.services, ROUTE_NAMES.totp]) {
      await nav(label);
      await expect(app.locator('main h1, main [role="listbox"]').first()).toBeVisible();
      const w = await walk(app, `${label} ${theme} 1280x800`);
      problems.push(...w.problems);
      // The status bar's details are Tab stops on every screen.
      expect(w.stops.filter((n) => n.startsWith('button "Backup failed')).length, `${label}: backup detail`).toBe(1);
      if (label === ROUTE_NAMES.services) {
        const search = w.stops.findIndex((s) => s.includes('Search services'));
        expect(w.stops[search + 1], 'the list is one Tab stop after the search').toMatch(/\[listbox\] "Services"/);
      }
      // The second tab of a screen holds controls of its own.
      const second = SECOND_TABS[label];
      if (second && theme === 'light') {
        await app.getByRole('tab', { name: second }).click();
        problems.push(...(await walk(app, `${label} / ${second} ${theme} 1280x800`)).problems);
        await app.getByRole('tab').first().click();
      }
    }
  }
  await app.emulateMedia({ colorScheme: 'light' });

  // The stacked (Services) and collapsed-sidebar layouts at 900 × 700.
  await app.setViewportSize({ width: 900, height: 700 });
  for (const label of [ROUTE_NAMES.services, ROUTE_NAMES.requests]) {
    await nav(label);
    await expect(app.locator('main h1, main [role="listbox"]').first()).toBeVisible();
    problems.push(...(await walk(app, `${label} 900x700`)).problems);
  }
  await app.setViewportSize({ width: 1280, height: 800 });
  expect.soft(problems, 'every Tab stop is drawn, in view and ringed, with no trap').toEqual([]);

  // The services list: arrows move, Home/End jump, Enter opens.
  await nav(ROUTE_NAMES.services);
  const list = app.getByRole('listbox', { name: 'Services' });
  await app.getByRole('searchbox', { name: 'Search services' }).focus();
  await app.keyboard.press('Tab');
  await expect(list).toBeFocused();
  await shoot('list');
  await app.setViewportSize({ width: 900, height: 700 });
  await shoot('list');
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.keyboard.press('End');
  await expect(list).toHaveAttribute('aria-activedescendant', /.+/);
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Stripe' })).toBeVisible();
  await list.focus();
  await app.keyboard.press('Home');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'GitHub' })).toBeVisible();
  await list.focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Stripe' })).toBeVisible();

  // The tag chips: one Tab stop, arrows move between them, Enter or Space filters.
  const chips = app.getByRole('group', { name: 'Filter by tag' });
  const count = app.locator('.svc-list__count');
  await chips.getByRole('button').first().focus();
  await app.keyboard.press('ArrowRight');
  await expect(chips.getByRole('button').nth(1)).toBeFocused();
  await shoot('chip');
  await app.keyboard.press('Enter');
  await expect(count).toHaveText(/^1 of 2/);
  await app.keyboard.press('Space');
  await expect(count).toHaveText('2 services');

  // The star and a copy button.
  const star = app.getByRole('button', { name: 'Favourite' });
  await star.focus();
  await app.keyboard.press('Space');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await app.keyboard.press('Enter');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await app
    .getByRole('button', { name: /^Copy / })
    .first()
    .focus();
  await app.keyboard.press('Enter');
  if (hasX) await expect.poll(readXClipboard).toBe(KEY);
  else await expect.poll(() => host.composed.services.vault.clipboard.holdsSecret).toBe(true);

  // The dialogs: opened from the keyboard, focus stays inside, Escape closes, focus goes back.
  const main = app.locator('main');
  const dialogs: [string, Locator][] = [
    ['Add service', app.getByRole('button', { name: 'Add service', exact: true })],
    ['Add credential', main.getByRole('button', { name: 'Add credential', exact: true })],
    ['Delete service', main.getByRole('button', { name: 'Delete', exact: true }).first()],
  ];
  for (const [name, opener] of dialogs) {
    await opener.focus();
    await app.keyboard.press('Enter');
    const dialog = app.locator('dialog[open]');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(':focus')).toHaveCount(1);
    if (name === 'Add credential') await shoot('dialog-field');
    const w = await walk(app, `${name} dialog`, 60);
    expect.soft(w.problems, `${name} dialog`).toEqual([]);
    expect.soft(w.escaped, `focus stays inside the ${name} dialog`).toEqual([]);
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener, `focus goes back to ${name}`).toBeFocused();
  }

  // A row menu on Codes: Enter opens on the first item, Escape closes back on its button.
  await nav(ROUTE_NAMES.totp);
  const more = app.getByRole('button', { name: /^More for/ }).first();
  await more.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('menuitem').first()).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('menu')).toHaveCount(0);
  await expect(more).toBeFocused();
  await app.keyboard.press('Space');
  await expect(app.getByRole('menuitem').first()).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(more).toBeFocused();

  // The palette over the app: its box holds focus (Tab shows more actions), Escape closes and
  // focus goes back to where it was.
  await nav(ROUTE_NAMES.services);
  const search = app.getByRole('searchbox', { name: 'Search services' });
  await search.focus();
  await app.evaluate("window.location.hash = '#/quick-access'");
  const box = app.getByRole('combobox', { name: 'Search services and credentials' });
  await expect(box).toBeFocused();
  await box.fill('stripe');
  await app.keyboard.press('Tab');
  await expect(box).toBeFocused();
  await app.keyboard.press('Escape');
  await app.keyboard.press('Escape');
  await expect(box).toHaveCount(0);
  await expect(search).toBeFocused();

  // What a pointer reads on hover, the keyboard reaches too: each status-bar detail is a Tab stop
  // whose bubble opens on focus, is its description, and closes on Escape with focus kept.
  const statusbar = app.locator('footer.statusbar');
  for (const [key, text] of [
    ['backup', BACKUP_ERROR],
    ['vault', `Vault file: ${host.composed.services.vault.path}`],
  ] as const) {
    const tip = statusbar.getByTestId(`status-${key}-detail`);
    // Arrived at by Tab (from the control before it), as a keyboard user gets there.
    await tip.focus();
    await app.keyboard.press('Shift+Tab');
    await app.keyboard.press('Tab');
    await expect(tip).toBeFocused();
    await expect(tip).toHaveAccessibleDescription(text);
    const bubble = app.getByRole('tooltip').filter({ hasText: text });
    await expect(bubble).toBeVisible();
    await expect(bubble).toBeInViewport({ ratio: 1 });
    if (key === 'backup') await shoot('status-detail');
    await app.keyboard.press('Escape');
    await expect(bubble).toBeHidden();
    await expect(tip).toBeFocused();
  }
  // A finger or a click opens it as well; a click elsewhere closes it.
  const backupTip = statusbar.getByTestId('status-backup-detail');
  await backupTip.click();
  await expect(app.getByRole('tooltip').filter({ hasText: BACKUP_ERROR })).toBeVisible();
  await app.locator('main').click({ position: { x: 4, y: 4 } });
  await expect(app.getByRole('tooltip').filter({ hasText: BACKUP_ERROR })).toBeHidden();
  // The OAuth row's redirect URI is shown whole (it wraps, never cut), with its Copy reached by Tab.
  await nav(ROUTE_NAMES.oauth);
  const redirect = app.getByTestId('oauth-row').getByTestId('oauth-redirect-uri');
  await expect(redirect).toHaveText('http://127.0.0.1:53682/oauth/callback/for-a-long-path');
  expect(await redirect.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await app
    .getByRole('button', { name: 'Copy redirect URI http://127.0.0.1:53682/oauth/callback/for-a-long-path' })
    .focus();
  await expect(app.getByRole('button', { name: /^Copy redirect URI / })).toBeFocused();

  // The lock screen.
  await app.getByRole('button', { name: 'Lock now' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock Latch' })).toBeVisible();
  expect((await walk(app, 'Unlock')).problems).toEqual([]);
});
