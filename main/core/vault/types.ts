/** Any JSON value: what callers store as a record's index entry and body. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * password: the master password alone unwraps the vault key.
 * hardened: the master password AND this machine's device key (from the OS keychain, or the recovery kit).
 */
export type VaultMode = 'password' | 'hardened';

export const VAULT_MODES: readonly VaultMode[] = ['password', 'hardened'];

/** WebCrypto key type (the node lib has no DOM globals). */
export type CryptoKey = import('node:crypto').webcrypto.CryptoKey;
