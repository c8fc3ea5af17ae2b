import { createHash } from 'node:crypto';
import { LatchError } from '../model/errors';
import { acquireLockFile, type LockOptions } from './file-lock';
import type { VaultFileSystem } from './fs-port';
import { resolveLinks } from './resolve-links';

/**
 * Takes the renewal lock of one credential; resolves to its release. Held around "re-read the
 * tokens, renew only if still due, save", so Latch processes sharing a vault (the app, parallel
 * `git fetch --jobs` helpers, kubectl) spend a rotated refresh token once between them: a provider
 * that detects reuse (RFC 9700 section 4.14.2) revokes the whole grant on the second use.
 */
export type RenewalLock = (credentialId: string) => Promise<() => Promise<void>>;

/** Long enough for a slow token endpoint; a killed renewer's lock is broken sooner (its pid is gone). */
export const RENEWAL_WAIT_MS = 45_000;
export const RENEWAL_STALE_MS = 60_000;

/**
 * `<vault>.renew-<hash of the credential id>.lock` beside the vault, with the save lock's rules
 * (file-lock.ts): exclusive create, broken when its process is gone or it is older than a minute.
 * Beside the vault rather than in a runtime folder because every writer of that file already
 * agrees on its folder; the id is hashed so the name holds only hex whatever the id holds.
 */
export function renewalLock(fs: VaultFileSystem, vaultPath: string, options: LockOptions = {}): RenewalLock {
  return async (credentialId) => {
    const real = await resolveLinks(fs, vaultPath).catch(() => vaultPath);
    const id = createHash('sha256').update(credentialId).digest('hex').slice(0, 16);
    const waitMs = options.waitMs ?? RENEWAL_WAIT_MS;
    return acquireLockFile(
      fs,
      `${real}.renew-${id}.lock`,
      (holder) =>
        new LatchError(
          'ERR_TIMEOUT',
          `Another Latch process${holder ? ` (pid ${holder.pid})` : ''} has been renewing this OAuth token for over ${Math.round(waitMs / 1000)} s. Try again; if it keeps happening, check that the token endpoint answers, or end that process.`,
          { detail: { reason: 'renewal-lock' } },
        ),
      { staleMs: RENEWAL_STALE_MS, ...options, waitMs },
    );
  };
}
