import { ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import type { CliContext } from './registry';
import { unlockVault } from './unlock';

/** Unlocks the vault, runs `fn` on its services, and locks it again whatever happens. */
export async function withServiceStore<T>(
  ctx: CliContext,
  fn: (store: ServiceStore, vault: OpenVault) => Promise<T>,
  options: { password?: string } = {},
): Promise<T> {
  const vault = await unlockVault(ctx, options);
  try {
    return await fn(new ServiceStore(vault, systemClock), vault);
  } finally {
    vault.lock();
  }
}
