import type { CliSession } from '../app/cli-session';
import type { ServiceStore } from '../core/credentials/service-store';
import type { OpenVault } from '../core/vault/open-vault';
import type { CliContext } from './registry';
import { type UnlockOptions, unlockVault } from './unlock';

type SessionServices = typeof import('./session-services');

export interface SessionOptions extends UnlockOptions {
  /**
   * Run once the services are loaded if the key derivation is still running (`derived` settles when it ends):
   * the command's own path on throwaway data, so that its code is compiled before the real run needs it.
   */
  warmUp?: (services: SessionServices, derived: Promise<void>) => Promise<unknown>;
}

/**
 * Unlocks the vault and, while its key derivation runs on the thread pool, loads the app's services
 * (session-services.ts): this thread would otherwise sit idle through the KDF, then load them after it.
 */
async function unlockWithServices(
  ctx: CliContext,
  { warmUp, ...options }: SessionOptions,
): Promise<{ vault: OpenVault; services: SessionServices }> {
  let loading: Promise<SessionServices> | undefined;
  const load = () => {
    loading ??= import('./session-services');
    return loading;
  };
  const whileDeriving = (derived: Promise<void>) =>
    void load()
      .then((services) => warmUp?.(services, derived))
      .catch(() => undefined);
  const vault = await unlockVault(ctx, { ...options, whileDeriving });
  try {
    return { vault, services: await load() };
  } catch (e) {
    vault.lock();
    throw e;
  }
}

/**
 * Unlocks the vault, runs `fn` on a session of the app's services over it (the same
 * Credentials, AccessTokens and SecretAccess the desktop app uses), and locks it again
 * whatever happens.
 */
export async function withSession<T>(
  ctx: CliContext,
  fn: (session: CliSession) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const { vault, services } = await unlockWithServices(ctx, options);
  try {
    return await fn(services.cliSession(vault));
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
  const { vault, services } = await unlockWithServices(ctx, options);
  try {
    return await fn(services.cliServiceStore(vault), vault);
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
