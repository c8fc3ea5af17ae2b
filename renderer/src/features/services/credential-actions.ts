/**
 * Which actions a credential card offers, per kind. One table, so a new kind has to decide
 * (the Record type fails to check until it does) and a test can read the whole policy.
 */
import type { CredentialKind } from '../../../../preload/contract';

export type CredentialAction = 'rotate' | 'edit' | 'delete' | 'copy-env' | 'copy-reference';

/** Every kind can be edited, deleted and referenced (`latch://…` works for any of them). */
const ALWAYS: readonly CredentialAction[] = ['edit', 'delete', 'copy-reference'];

/**
 * Rotate replaces a stored secret and keeps the old one for a grace period. It means nothing
 * for one-time codes (a new seed is a new enrolment, made on the Codes screen) or OAuth
 * clients (their tokens refresh themselves; a new client secret is an edit). A TOTP code as
 * an env line is stale before a process reads it, so TOTP has no env line either.
 */
export const KIND_ACTIONS: Record<CredentialKind, readonly CredentialAction[]> = {
  'api-key': ['rotate', 'copy-env', ...ALWAYS],
  basic: ['rotate', 'copy-env', ...ALWAYS],
  digest: ['rotate', 'copy-env', ...ALWAYS],
  bearer: ['rotate', 'copy-env', ...ALWAYS],
  oauth2: ['copy-env', ...ALWAYS],
  'jwt-signer': ['rotate', 'copy-env', ...ALWAYS],
  hmac: ['rotate', 'copy-env', ...ALWAYS],
  'aws-sigv4': ['rotate', 'copy-env', ...ALWAYS],
  totp: [...ALWAYS],
  secret: ['rotate', 'copy-env', ...ALWAYS],
};

export const offers = (kind: CredentialKind, action: CredentialAction): boolean => KIND_ACTIONS[kind].includes(action);
