/**
 * The app's AuditService for `latch audit`, on the command's session or on none. Kept out of cli-session.ts:
 * the audit brings the HTTP engine, TLS probes and SigV4 with it, which `latch get` must not load at start.
 */
import type { Clock } from '../core/platform';
import { AuditService } from './audit/audit-service';
import type { CliSession } from './cli-session';
import { flagConsent } from './secrets/host-decision';

/**
 * The audit on a command's session (the token comes fresh through its AccessTokens), or without a
 * vault; the credential goes beyond its hosts only to those named with --allow-host.
 */
export function cliAudit(session: CliSession | null, clock: Clock, allowHosts: readonly string[]): AuditService {
  return new AuditService({
    clock,
    hostConsent: flagConsent(allowHosts),
    session: session
      ? { vault: session.access, credentials: session.credentials, accessTokens: session.accessTokens }
      : null,
  });
}
