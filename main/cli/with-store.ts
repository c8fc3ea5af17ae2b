import type { RecordVault } from '../core/credentials/record-vault';
import { describeRecord } from '../core/credentials/service-records';
import { ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import { saveMerging } from '../core/vault/save-merging';
import type { CliContext } from './registry';
import { type UnlockOptions, unlockVault } from './unlock';

/**
 * The vault as a command's service store sees it: a save that loses the race to another writer
 * (the app, a concurrent command) reloads, re-applies this command's changes and saves again,
 * because a command cannot ask its user to reload. A record both changed is refused by name.
 */
export function mergingRecordVault(vault: OpenVault): RecordVault {
  return {
    entries: () => vault.entries(),
    readRecord: (id) => vault.readRecord(id),
    putRecord: (id, entry, body) => vault.putRecord(id, entry, body),
    deleteRecord: (id) => vault.deleteRecord(id),
    save: () => saveMerging(vault, { describe: (id) => describeRecord(id, vault.entries().get(id)) }),
  };
}

/** A service store over the unlocked vault whose saves merge (above). */
export function cliServiceStore(vault: OpenVault): ServiceStore {
  return new ServiceStore(mergingRecordVault(vault), systemClock);
}

/** Unlocks the vault, runs `fn` on its services, and locks it again whatever happens. */
export async function withServiceStore<T>(
  ctx: CliContext,
  fn: (store: ServiceStore, vault: OpenVault) => Promise<T>,
  options: UnlockOptions = {},
): Promise<T> {
  const vault = await unlockVault(ctx, options);
  try {
    return await fn(cliServiceStore(vault), vault);
  } finally {
    vault.lock();
  }
}

/**
 * For commands other programs run (git, the AWS CLI, Docker, kubectl): their stdin is not a person, so
 * there is no prompt; the key comes from the unlock agent or quick unlock, else a message says how.
 */
export function withToolStore<T>(
  ctx: CliContext,
  fn: (store: ServiceStore, vault: OpenVault) => Promise<T>,
): Promise<T> {
  return withServiceStore(ctx, fn, { noPrompt: true });
}
