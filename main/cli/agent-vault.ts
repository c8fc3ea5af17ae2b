import { resolve } from 'node:path';
import { defaultVaultPath } from '../core/vault/default-path';
import { peekVaultId } from '../core/vault/vault-id';
import { isBackupPath } from './backup-path';
import type { CliIo } from './io';

/**
 * The vault a fast path through the unlock agent would ask about: its absolute path (the agent's working
 * folder is not ours) and the id that names its agent. null when the ordinary path must run: a backup (it
 * opens read-only, with a note the ordinary path gives) or a file that is not plainly a vault.
 */
export function agentVault(option: string | undefined, io: CliIo): { path: string; vaultId: string } | null {
  const path = resolve(
    option || io.env.LATCH_VAULT || defaultVaultPath({ platform: io.platform, env: io.env, homedir: io.homedir }),
  );
  if (isBackupPath(path)) return null;
  const vaultId = peekVaultId(path);
  return vaultId === null ? null : { path, vaultId };
}
