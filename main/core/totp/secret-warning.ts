import { parseBase32Secret, RECOMMENDED_SECRET_BYTES } from './base32';

/**
 * The warning a key under RECOMMENDED_SECRET_BYTES earns: the code works (the service chose the
 * key), but a short key is easier to guess, and a key cut short by a bad paste looks the same.
 * Null for a key of normal length. Never contains the key.
 */
export function shortSecretWarning(secret: string): string | null {
  const { bytes } = parseBase32Secret(secret);
  if (bytes.length >= RECOMMENDED_SECRET_BYTES) return null;
  return `This key is only ${bytes.length} byte${bytes.length === 1 ? '' : 's'} (${RECOMMENDED_SECRET_BYTES} or more is normal). Check that the whole key was copied; if it was, the service issued a weak key: Latch makes its codes, but ask the service for a longer one if it can.`;
}
