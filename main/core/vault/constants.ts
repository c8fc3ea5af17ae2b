/** The format this build writes. Older versions are read and migrated in memory (migrate.ts). */
export const CURRENT_FORMAT_VERSION = 1;

export const KDF_NAME = 'PBKDF2-HMAC-SHA256';
/** OWASP 2023 figure for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;
/** Below this a header is treated as a downgrade attempt, never opened. */
export const MIN_ITERATIONS = 100_000;
/** Above this a header is treated as damaged: it would hang the unlock for minutes. */
export const MAX_ITERATIONS = 100_000_000;
export const SALT_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export const MAGIC = 'LATCHVLT';
/** A vault id as headers carry it (a UUID): it also names the unlock agent's socket, so nothing else passes. */
export const VAULT_ID = /^[0-9a-f-]{36}$/;
