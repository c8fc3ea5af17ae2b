/**
 * A command line's session: one vault, opened for one command, with the same Credentials,
 * AccessTokens and SecretAccess the app uses (so `latch get` hands out a fresh token exactly
 * as the app's reveal does). Nothing here outlives the command; events go nowhere.
 */
import type { Clock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import { AuditService } from './audit/audit-service';
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
  audit: AuditService;
}

export function openCliSession(vault: OpenVault, clock: Clock): CliSession {
  const events: AppEvents = new EventBus();
  const access = fixedVault(vault);
  const credentials = new Credentials({ vault: access, events, clock });
  const accessTokens = new AccessTokens({ credentials, clock });
  return {
    vault,
    credentials,
    accessTokens,
    secrets: new SecretAccess({ credentials, accessTokens, clock }),
    audit: new AuditService({ clock, session: { vault: access, credentials, accessTokens } }),
  };
}

/** The audit of a command that opened no vault (`latch audit URL` with no credential). */
export function vaultlessAudit(clock: Clock): AuditService {
  return new AuditService({ clock, session: null });
}
