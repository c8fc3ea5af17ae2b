import { createHash } from 'node:crypto';
import { type Credential, SECRET_FIELDS } from '../model/credential';

/**
 * A short digest of a credential's secret values, kept in the (encrypted) index so the
 * health view can find one secret used by several services without decrypting every
 * record. Truncated SHA-256 with a domain prefix: it never leaves main, and the index
 * it sits in is itself encrypted under the vault key.
 */
export function secretFingerprint(c: Credential): string | null {
  const fields = c.fields as Record<string, unknown>;
  const values = SECRET_FIELDS[c.kind]
    .filter((f) => f !== 'tokens')
    .map((f) => fields[f])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (values.length === 0) return null;
  // The kind is left out: the same key stored as an API key in one service and a free
  // secret in another is still one secret used twice.
  const hash = createHash('sha256').update('latch-fingerprint\0');
  for (const v of values) hash.update(v).update('\0');
  return hash.digest('hex').slice(0, 32);
}
