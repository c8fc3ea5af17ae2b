import type { MenuItemConstructorOptions } from 'electron';
import type { CredentialKind } from '../core/model/credential';
import { type TokenFacts, tokenStatus } from '../core/model/token-status';

/** A credential as the tray knows it: names and kinds only, never a value. */
export interface TrayCredential {
  id: string;
  name: string;
  kind: CredentialKind;
  /** TOTP only: the code's period and flavour, for the "seconds left" in the label. */
  totp?: { type: 'totp' | 'hotp' | 'steam'; period: number };
  /**
   * OAuth clients and bearer JWTs: the access token's facts (times and means, never its value), so
   * the tray reads the token's status with the one tokenStatus every screen uses.
   */
  token?: TokenFacts | null;
}

export interface TrayService {
  id: string;
  name: string;
  favourite: boolean;
  credentials: TrayCredential[];
}

export interface TrayMenuInput {
  state: 'absent' | 'locked' | 'unlocked';
  quickUnlockArmed: boolean;
  services: TrayService[];
  /** Most recently copied first; kept in memory by main, gone on restart. */
  recent: readonly { serviceId: string; credentialId: string }[];
  now: number;
  /** The quick-access accelerator shown beside its item, when the OS accepted it. */
  quickAccessAccelerator?: string | undefined;
}

/** What a click asks for. The tray maps each to a callback; ids travel as strings in the template. */
export type TrayCommand =
  | { type: 'copy'; serviceId: string; credentialId: string }
  | { type: 'open' }
  | { type: 'quick-access' }
  /** An OAuth client without a usable token: the app's OAuth page, to sign in. */
  | { type: 'sign-in' }
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'quick-unlock' }
  | { type: 'quit' };

export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  accelerator?: string;
  /** Set on clickable items; parse it back with parseTrayCommand. */
  command?: string;
  submenu?: TrayMenuItem[];
}

const MAX_RECENT_SERVICES = 5;

const COPY_WHAT: Record<CredentialKind, string> = {
  'api-key': 'key',
  basic: 'password',
  digest: 'password',
  bearer: 'token',
  oauth2: 'token',
  'jwt-signer': 'token',
  hmac: 'secret',
  'aws-sigv4': 'secret key',
  totp: 'code',
  secret: 'value',
};

export function commandId(command: TrayCommand): string {
  if (command.type === 'copy') return `copy:${command.serviceId}:${command.credentialId}`;
  return command.type;
}

export function parseTrayCommand(id: string): TrayCommand | null {
  if (id.startsWith('copy:')) {
    const [, serviceId, credentialId, ...rest] = id.split(':');
    if (!serviceId || !credentialId || rest.length > 0) return null;
    return { type: 'copy', serviceId, credentialId };
  }
  const simple = ['open', 'quick-access', 'sign-in', 'lock', 'unlock', 'quick-unlock', 'quit'] as const;
  const found = simple.find((s) => s === id);
  return found ? { type: found } : null;
}

/** Seconds until a time-based code changes, as a label shows it (1..period). */
export function totpSecondsLeft(period: number, now: number): number {
  const p = Math.max(1, Math.floor(period));
  return p - (Math.floor(now / 1000) % p);
}

/** Time until a token expires as a menu reads it, rounded down: "12 min", "3 h", "2 days". */
export function timeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

/** The token's status as every screen words it (model/token-status.ts), with the time left while it is good. */
function tokenNote(token: TokenFacts | null, now: number): string {
  const status = tokenStatus(token, now);
  const expiresAt = token?.expiresAt ?? null;
  return (status.state === 'valid' || status.state === 'expiring') && expiresAt !== null
    ? `${status.text}: ${timeLeft(expiresAt - now)} left`
    : status.text;
}

/**
 * An OAuth client whose token cannot be copied (signed out, or expired with nothing to renew it):
 * the item says so with the status text and opens the OAuth page instead of copying.
 */
function needsSignIn(credential: TrayCredential, now: number): boolean {
  if (credential.kind !== 'oauth2') return false;
  const { state } = tokenStatus(credential.token ?? null, now);
  return state === 'none' || state === 'expired';
}

/** "Copy code (12 s left)", "Copy token (Valid: 12 min left)", "Expired: open Latch to sign in again", "Copy key"… */
export function copyLabel(credential: TrayCredential, now: number): string {
  const what = COPY_WHAT[credential.kind];
  if (credential.kind === 'totp' && credential.totp && credential.totp.type !== 'hotp') {
    return `Copy ${what} (${totpSecondsLeft(credential.totp.period, now)} s left)`;
  }
  if (needsSignIn(credential, now)) {
    const status = tokenStatus(credential.token ?? null, now);
    return status.state === 'none'
      ? `${status.text}: open Latch to sign in`
      : `${status.text}: open Latch to sign in again`;
  }
  // A bearer token that is not a JWT has no facts, so no status to show.
  if (credential.token) return `Copy ${what} (${tokenNote(credential.token, now)})`;
  return `Copy ${what}`;
}

function serviceItem(service: TrayService, now: number): TrayMenuItem {
  const items: TrayMenuItem[] =
    service.credentials.length === 0
      ? [{ label: 'No credentials', enabled: false }]
      : service.credentials.map((c) => ({
          label: service.credentials.length === 1 ? copyLabel(c, now) : `${c.name}: ${copyLabel(c, now)}`,
          command: commandId(
            needsSignIn(c, now) ? { type: 'sign-in' } : { type: 'copy', serviceId: service.id, credentialId: c.id },
          ),
        }));
  return { label: service.name, submenu: items };
}

const byName = (a: TrayService, b: TrayService) => a.name.localeCompare(b.name);

/**
 * The tray's menu as plain data: labels and command ids, never a secret value. Favourite
 * services come first, then services of recently copied credentials that are not favourites.
 */
export function trayMenuTemplate(input: TrayMenuInput): TrayMenuItem[] {
  const open: TrayMenuItem = { label: 'Open Latch', command: 'open' };
  const quit: TrayMenuItem = { label: 'Quit Latch', command: 'quit' };
  const separator: TrayMenuItem = { type: 'separator' };

  if (input.state === 'absent') {
    return [{ label: 'No vault yet', enabled: false }, separator, { label: 'Create a vault…', command: 'open' }, quit];
  }
  if (input.state === 'locked') {
    return [
      { label: 'Latch is locked', enabled: false },
      separator,
      { label: 'Unlock…', command: 'unlock' },
      ...(input.quickUnlockArmed ? [{ label: 'Quick unlock', command: 'quick-unlock' }] : []),
      open,
      separator,
      quit,
    ];
  }

  const favourites = input.services.filter((s) => s.favourite).sort(byName);
  const recent: TrayService[] = [];
  for (const r of input.recent) {
    const service = input.services.find((s) => s.id === r.serviceId);
    if (!service || service.favourite || recent.includes(service)) continue;
    recent.push(service);
    if (recent.length === MAX_RECENT_SERVICES) break;
  }

  const menu: TrayMenuItem[] = [{ label: 'Latch is unlocked', enabled: false }, separator];
  if (favourites.length > 0) {
    menu.push({ label: 'Favourites', enabled: false }, ...favourites.map((s) => serviceItem(s, input.now)), separator);
  }
  if (recent.length > 0) {
    menu.push({ label: 'Recent', enabled: false }, ...recent.map((s) => serviceItem(s, input.now)), separator);
  }
  menu.push(
    open,
    {
      label: 'Quick access…',
      command: 'quick-access',
      ...(input.quickAccessAccelerator ? { accelerator: input.quickAccessAccelerator } : {}),
    },
    { label: 'Lock', command: 'lock' },
    separator,
    quit,
  );
  return menu;
}

/** Turns the data into Electron's template, with every click going to `onCommand`. */
export function toElectronMenu(
  items: TrayMenuItem[],
  onCommand: (command: TrayCommand) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const command = item.command === undefined ? null : parseTrayCommand(item.command);
    return {
      label: item.label ?? '',
      ...(item.enabled === false ? { enabled: false } : {}),
      ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
      ...(item.submenu ? { submenu: toElectronMenu(item.submenu, onCommand) } : {}),
      ...(command ? { click: () => onCommand(command) } : {}),
    };
  });
}
