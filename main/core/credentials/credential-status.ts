import { jwtExpiry } from '../jwt/expiry';
import type { Credential } from '../model/credential';
import type { CredentialStatus } from '../model/service';
import type { TokenFacts } from '../model/token-status';

const DAY = 86_400_000;
/** "Expiring" means within this window, as the health view promises. */
export const EXPIRING_WITHIN_MS = 7 * DAY;

/** What lists know of the credential's own access token (an OAuth client, a bearer JWT); null when it has none. */
export function tokenFacts(c: Credential): TokenFacts | null {
  if (c.kind === 'oauth2') {
    const t = c.fields.tokens;
    if (!t) return { present: false, expiresAt: null, renewable: false };
    return {
      present: true,
      expiresAt: t.expiresAt ?? null,
      renewable: t.refreshToken !== undefined || c.fields.grant === 'client_credentials',
    };
  }
  const expiresAt = c.kind === 'bearer' ? jwtExpiry(c.fields.token) : null;
  return expiresAt === null ? null : { present: true, expiresAt, renewable: false };
}

/** When the credential's access token expires: an OAuth token set, or a bearer token that is a JWT. */
export function tokenExpiresAt(c: Credential): number | null {
  if (c.kind === 'oauth2') return c.fields.tokens?.expiresAt ?? null;
  if (c.kind === 'bearer') return jwtExpiry(c.fields.token);
  return null;
}

/** When a rotation falls due: the last rotation (or creation) plus the period. */
export function rotationDueAt(c: Pick<StatusInput, 'rotation' | 'createdAt'>): number | null {
  if (c.rotation.everyDays === undefined) return null;
  return (c.rotation.lastRotatedAt ?? c.createdAt) + c.rotation.everyDays * DAY;
}

/** What status needs, which the index holds too: so lists never decrypt a record. */
export interface StatusInput {
  expiresAt: number | null;
  tokenExpiresAt: number | null;
  createdAt: number;
  rotation: { everyDays?: number | undefined; lastRotatedAt?: number | undefined };
}

export function credentialStatuses(c: StatusInput, now: number): CredentialStatus[] {
  const out: CredentialStatus[] = [];
  // An access token's state is tokenStatus's (model/token-status.ts), the same on every screen; a
  // one-hour token is not "expiring within 7 days" for a week.
  const expiry = c.expiresAt;
  if (expiry !== null) {
    if (expiry <= now) out.push('expired');
    else if (expiry - now <= EXPIRING_WITHIN_MS) out.push('expiring');
  }
  const due = rotationDueAt(c);
  if (due !== null && due <= now) out.push('rotation-due');
  return out;
}
