/**
 * The application as one set of services over one vault, for a host that keeps the vault open
 * (the Electron shell, the browser host). The command line opens a session per command instead
 * (cli-session.ts) on the same Credentials, AccessTokens and SecretAccess.
 */
import type { Keychain } from '../core/keychain/keychain';
import type { RefreshRule } from '../core/oauth';
import type { BrowserOpener, Clipboard, Clock, SaveDialog, SettingsStore } from '../core/platform';
import { nodeFileSystem } from '../core/vault/fs-port';
import { type RenewalLock, renewalLock } from '../core/vault/renewal-lock';
import { AuditService } from './audit/audit-service';
import type { Confirmer } from './confirmation';
import { BindingEdits } from './credentials/binding-edits';
import { Credentials } from './credentials/credentials';
import { type AppEvents, EventBus } from './events';
import { JwtService } from './jwt/jwt-service';
import { MfaLab } from './lab/mfa-lab';
import { LimitsService } from './limits/limits-service';
import { OAuthService } from './oauth/oauth-service';
import type { OAuthNotice } from './oauth/oauth-types';
import { QuickAccess } from './quick/quick-access';
import { ClockSkew } from './requests/clock-skew';
import { RequestsService } from './requests/requests-service';
import { AccessTokens } from './secrets/access-tokens';
import { PROMPT_CONSENT } from './secrets/host-decision';
import type { Reload } from './secrets/renewed-save';
import { SecretAccess } from './secrets/secret-access';
import { SecretCopy } from './secrets/secret-copy';
import { TotpService } from './totp/totp-service';
import { TransferService } from './transfer/transfer-service';
import type { FileWatcher } from './vault/file-watcher';
import { VaultService } from './vault/vault-service';

export interface AppServicesInput {
  /** The bus the services emit on; the host passes its own when something it builds must emit too. */
  events?: AppEvents;
  vaultPath(): string;
  settings: SettingsStore;
  keychain: Keychain;
  clipboard: Clipboard;
  clock: Clock;
  browser: BrowserOpener;
  /** Where exports are saved (a native dialog; a folder in the browser host). */
  saveDialog: SaveDialog;
  notice: (notice: OAuthNotice) => void;
  /** Asks the user before a change that lowers protection (a native dialog; the browser host's queue). */
  confirmer: Confirmer;
  /** The environment a `latch unlock --for` agent is found through; default process.env. */
  agentEnv?: Readonly<Record<string, string | undefined>>;
  /** When OAuth tokens are refreshed; default REFRESH_RULE (tests with short-lived tokens pass their own). */
  refreshRule?: RefreshRule;
  /** How long a browser sign-in waits before the screen says what for and offers Cancel; default 2 minutes. */
  signInPatienceMs?: number;
  /** One OAuth renewal per credential across processes; default the lock file beside the open vault. */
  renewalLock?: RenewalLock;
  /** Tells of changes to the unlocked vault's file, to show what another program wrote; absent: not watched. */
  watcher?: FileWatcher;
}

export interface AppServices {
  events: AppEvents;
  settings: SettingsStore;
  clock: Clock;
  vault: VaultService;
  credentials: Credentials;
  /** The page's edits that widen where a credential may go, asked of the user first. */
  bindingEdits: BindingEdits;
  accessTokens: AccessTokens;
  secrets: SecretAccess;
  copier: SecretCopy;
  oauth: OAuthService;
  totp: TotpService;
  lab: MfaLab;
  jwt: JwtService;
  requests: RequestsService;
  limits: LimitsService;
  audit: AuditService;
  transfer: TransferService;
  quickAccess: QuickAccess;
  clockSkew: ClockSkew;
}

export function createAppServices(input: AppServicesInput): AppServices {
  const { clock, settings } = input;
  const events: AppEvents = input.events ?? new EventBus();
  const vault = new VaultService({
    vaultPath: input.vaultPath,
    keychain: input.keychain,
    clipboard: input.clipboard,
    settings,
    events,
    clock,
    confirmer: input.confirmer,
    ...(input.agentEnv ? { agentEnv: input.agentEnv } : {}),
    ...(input.watcher ? { watcher: input.watcher } : {}),
  });
  const credentials = new Credentials({ vault, events, clock });
  // `current`, not vault(): a background refresh is no user activity (it must not hold off auto-lock).
  const lock: RenewalLock =
    input.renewalLock ?? ((id) => renewalLock(nodeFileSystem, (vault.current ?? vault.vault()).path)(id));
  // The open vault itself, not VaultService.reload: this is no user's reload (no banner, no event).
  const reload: Reload = async (options) => {
    await vault.current?.reload(options);
  };
  const oauth = new OAuthService({
    session: vault.session,
    credentials,
    events,
    clock,
    opener: input.browser,
    notice: input.notice,
    ...(input.refreshRule ? { rule: input.refreshRule } : {}),
    ...(input.signInPatienceMs !== undefined ? { patienceMs: input.signInPatienceMs } : {}),
    lock,
    reload,
  });
  const accessTokens = new AccessTokens({
    credentials,
    clock,
    ...(input.refreshRule ? { rule: input.refreshRule } : {}),
    // Through the OAuth service, so an on-demand refresh shows in its log and status; AccessTokens
    // holds the renewal lock around it already.
    renew: (serviceId, credentialId) => oauth.refreshHeld(serviceId, credentialId),
    lock,
    reload,
  });
  const secrets = new SecretAccess({ credentials, accessTokens, clock });
  const quickAccess = new QuickAccess(events);
  const copier = new SecretCopy({ credentials, secrets, clipboard: vault.clipboard, settings, quickAccess });
  const clockSkew = new ClockSkew();
  const limits = new LimitsService({ vault, credentials, events, clock });
  return {
    events,
    settings,
    clock,
    vault,
    credentials,
    bindingEdits: new BindingEdits({ credentials, confirmer: input.confirmer }),
    accessTokens,
    secrets,
    copier,
    oauth,
    totp: new TotpService({ credentials, copier, events, clock }),
    lab: new MfaLab({ clock }),
    jwt: new JwtService({ credentials, clock }),
    requests: new RequestsService({
      vault,
      credentials,
      accessTokens,
      copier,
      clockSkew,
      gate: limits.gate,
      events,
      clock,
      confirmer: input.confirmer,
    }),
    limits,
    audit: new AuditService({ clock, session: { vault, credentials, accessTokens }, hostConsent: PROMPT_CONSENT }),
    transfer: new TransferService({
      vault,
      session: vault.session,
      credentials,
      saveDialog: input.saveDialog,
      clock,
    }),
    quickAccess,
    clockSkew,
  };
}
