/**
 * The OS keychain as Latch needs it: a few named secrets (device keys), nothing else.
 * Implementations never fall back to storing a secret anywhere else; when no keychain
 * answers they throw ERR_KEYCHAIN_UNAVAILABLE and the vault works with the password alone.
 */
export interface Keychain {
  /** True when a secret can be stored and read back right now. Never throws. */
  available(): Promise<boolean>;
  /** The stored secret, or null when there is none. Throws ERR_KEYCHAIN_UNAVAILABLE. */
  get(name: string): Promise<string | null>;
  /** Throws ERR_KEYCHAIN_UNAVAILABLE. */
  set(name: string, secret: string): Promise<void>;
  /** True when something was deleted. Throws ERR_KEYCHAIN_UNAVAILABLE. */
  delete(name: string): Promise<boolean>;
}

/** The service name every Latch secret is filed under in the OS keychain. */
export const KEYCHAIN_SERVICE = 'Latch';
