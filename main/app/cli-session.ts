/**
 * A command line's session: one vault, opened for one command, with the same Credentials,
 * AccessTokens and SecretAccess the app uses (so `latch get` hands out a fresh token exactly
 * as the app's reveal does). Nothing here outlives the command; events go nowhere.
 */
import type { Clock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import type { RenewalLock } from '../core/vault/renewal-lock';
import { Credentials } from './credentials/credentials';
import { type AppEvents, EventBus } from './events';
import { AccessTokens } from './secrets/access-tokens';
import { SecretAccess } from './secrets/secret-access';
import { fixedVault, type VaultAccess } from './vault/vault-access';

export interface CliSession {
  vault: OpenVault;
  /** The vault as the app's services reach it (for a service built on the session, e.g. cli-audit.ts). */
  access: VaultAccess;
  credentials: Credentials;
  accessTokens: AccessTokens;
  secrets: SecretAccess;
}

/** `lock`: the renewal lock shared with the app and other commands on this vault. */
export function openCliSession(vault: OpenVault, clock: Clock, lock?: RenewalLock): CliSession {
  const events: AppEvents = new EventBus();
  const access = fixedVault(vault);
  const credentials = new Credentials({ vault: access, events, clock });
  const accessTokens = new AccessTokens({
    credentials,
    clock,
    ...(lock ? { lock, reload: (options?: { theirs?: readonly string[] }) => vault.reload(options) } : {}),
  });
  return { vault, access, credentials, accessTokens, secrets: new SecretAccess({ credentials, accessTokens, clock }) };
}
