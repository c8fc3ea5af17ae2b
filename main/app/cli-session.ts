/**
 * A command line's session: one vault, opened for one command, with the same Credentials,
 * AccessTokens and SecretAccess the app uses (so `latch get` hands out a fresh token exactly
 * as the app's reveal does). Nothing here outlives the command; events go nowhere.
 */
import type { Clock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import { Credentials } from './credentials/credentials';
import { type AppEvents, EventBus } from './events';
import { AccessTokens } from './secrets/access-tokens';
import { SecretAccess } from './secrets/secret-access';
import { fixedVault } from './vault/vault-access';

export interface CliSession {
  vault: OpenVault;
  credentials: Credentials;
  accessTokens: AccessTokens;
  secrets: SecretAccess;
}

export function openCliSession(vault: OpenVault, clock: Clock): CliSession {
  const events: AppEvents = new EventBus();
  const credentials = new Credentials({ vault: fixedVault(vault), events, clock });
  const accessTokens = new AccessTokens({ credentials, clock });
  return { vault, credentials, accessTokens, secrets: new SecretAccess({ credentials, accessTokens, clock }) };
}
