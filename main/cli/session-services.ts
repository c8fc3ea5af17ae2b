// What a command uses on an unlocked vault: the app's services over it (and with them zod and the credential
// model). with-store.ts imports this module while the key derivation runs, not before it: evaluating it costs
// tens of milliseconds that would otherwise delay the start of the KDF.
import { type CliSession, openCliSession } from '../app/cli-session';
import { mergingRecordVault } from '../app/vault/merging-records';
import { ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { nodeFileSystem } from '../core/vault/fs-port';
import type { OpenVault } from '../core/vault/open-vault';
import { renewalLock } from '../core/vault/renewal-lock';

// `latch get`'s warm-up runs on these services, so it loads with them.
export { warmUpGet } from './warm-up';

/** A service store over the unlocked vault whose saves merge (app/vault/merging-records.ts). */
export function cliServiceStore(vault: OpenVault): ServiceStore {
  return new ServiceStore(mergingRecordVault(vault), systemClock);
}

/** The app's Credentials, AccessTokens and SecretAccess over the unlocked vault. */
export function cliSession(vault: OpenVault): CliSession {
  return openCliSession(vault, systemClock, renewalLock(nodeFileSystem, vault.path));
}
