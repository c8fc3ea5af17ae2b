import type { Keychain } from '../core/keychain/keychain';
import type { CliIo } from './io';

/** The OS keychain via @napi-rs/keyring, loaded only when asked for (none when LATCH_NO_KEYCHAIN=1). */
export async function osKeychain(io: CliIo): Promise<Keychain | undefined> {
  if (io.env.LATCH_NO_KEYCHAIN === '1') return undefined;
  const { NapiKeychain } = await import('../core/keychain/napi-keychain');
  return new NapiKeychain();
}
