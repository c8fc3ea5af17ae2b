import { randomUUID } from 'node:crypto';
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { LatchError } from '../model/errors';
import { KEYCHAIN_SERVICE, type Keychain } from './keychain';

const UNAVAILABLE =
  'The OS keychain is not reachable (on Linux: is a Secret Service such as gnome-keyring or KWallet running and unlocked?). ' +
  'Quick unlock and hardened mode need it; the master password alone still works.';

/**
 * On Linux the library would otherwise fall back to the kernel keyring, which forgets
 * everything at logout: a hardened vault's device key would silently vanish. Pin the
 * Secret Service so "unavailable" is reported instead.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/** The real OS keychain (macOS Keychain, Windows Credential Manager, Secret Service) via @napi-rs/keyring. */
export class NapiKeychain implements Keychain {
  private readonly service: string;

  constructor(options: { service?: string } = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
  }

  /**
   * Every use of the library goes through here. Without a D-Bus session bus the entry's
   * constructor itself throws (not only its calls), so it must sit inside the same guard:
   * one place turns any failure into ERR_KEYCHAIN_UNAVAILABLE.
   */
  private async use<T>(name: string, fn: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    try {
      return await fn(new AsyncEntry(this.service, name, ENTRY_OPTIONS));
    } catch (cause) {
      throw new LatchError('ERR_KEYCHAIN_UNAVAILABLE', UNAVAILABLE, { cause });
    }
  }

  async available(): Promise<boolean> {
    // A read alone proves nothing: some backends answer "no such secret" when unreachable.
    // A name of its own per probe: two probes at once must not delete each other's entry.
    try {
      return await this.use(`latch.probe.${randomUUID()}`, async (probe) => {
        await probe.setPassword('probe');
        const back = await probe.getPassword();
        await probe.deletePassword();
        return back === 'probe';
      });
    } catch {
      return false;
    }
  }

  async get(name: string): Promise<string | null> {
    return this.use(name, async (entry) => (await entry.getPassword()) ?? null);
  }

  async set(name: string, secret: string): Promise<void> {
    await this.use(name, async (entry) => {
      await entry.setPassword(secret);
      // Some backends accept a write they cannot keep; a device key that is not really stored would lock the user out.
      if ((await entry.getPassword()) !== secret) throw new Error('read-back mismatch');
    });
  }

  async delete(name: string): Promise<boolean> {
    return this.use(name, (entry) => entry.deletePassword());
  }
}
