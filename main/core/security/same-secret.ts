import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether two secrets are the same, in a time that does not depend on where they differ: compared as
 * SHA-256 digests (equal length whatever the secrets' lengths), so neither the length nor the first
 * differing byte of a stored secret shows in how long a comparison with a value from outside takes.
 * Whether a secret is there at all is no secret: two absent ones are the same, one absent differs.
 */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return timingSafeEqual(digest(a), digest(b));
}
