import { type CliSession, openCliSession } from '../app/cli-session';
import { mergingRecordVault } from '../app/vault/merging-records';
import { ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import type { OpenVault } from '../core/vault/open-vault';
import type { CliContext } from './registry';
import { type UnlockOptions, unlockVault } from './unlock';

/** A service store over the unlocked vault whose saves merge (app/vault/merging-records.ts). */
export function cliServiceStore(vault: OpenVault): ServiceStore {
  return new ServiceStore(mergingRecordVault(vault), systemClock);
}

/**
 * Unlocks the vault, runs `fn` on a session of the app's services over it (the same
 * Credentials, AccessTokens and SecretAccess the desktop app uses), and locks it again
 * whatever happens.
 */
export async function withSession<T>(
  ctx: CliContext,
  fn: (session: CliSession) => Promise<T>,
  options: UnlockOptions = {},
): Promise<T> {
  const vault = await unlockVault(ctx, options);
  try {
    return await fn(openCliSession(vault, systemClock));
  } finally {
    vault.lock();
  }
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
