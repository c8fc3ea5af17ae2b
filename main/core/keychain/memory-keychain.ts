import { LatchError } from '../model/errors';
import type { Keychain } from './keychain';

/**
 * An in-memory keychain for unit tests. Never used as a fallback in the app or the
 * command line: a device key must live in the OS keychain or nowhere.
 */
export class MemoryKeychain implements Keychain {
  readonly secrets = new Map<string, string>();
  /** Flip to false to simulate a machine without a reachable keychain. */
  reachable: boolean;

  constructor(options: { reachable?: boolean } = {}) {
    this.reachable = options.reachable ?? true;
  }

  private check(): void {
    if (!this.reachable) throw new LatchError('ERR_KEYCHAIN_UNAVAILABLE', 'The OS keychain is not reachable.');
  }

  async available(): Promise<boolean> {
    return this.reachable;
  }

  async get(name: string): Promise<string | null> {
    this.check();
    return this.secrets.get(name) ?? null;
  }

  async set(name: string, secret: string): Promise<void> {
    this.check();
    this.secrets.set(name, secret);
  }

  async delete(name: string): Promise<boolean> {
    this.check();
    return this.secrets.delete(name);
  }
}
