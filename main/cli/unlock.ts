import { LatchError } from '../core/model/errors';
import { inspectVault } from '../core/vault/inspect-vault';
import { openVault } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import type { CliContext } from './registry';

/**
 * Unlocks the vault for a command: quick unlock through the keychain when it is on and armed
 * (and no --password-stdin was given), else the master password (plus the device key or
 * --recovery-kit in hardened mode). After a password unlock of a vault whose quick unlock was
 * "locked and forgotten", quick unlock is re-armed with a fresh device key.
 */
export async function unlockVault(
  ctx: CliContext,
  options: { allowQuickUnlock?: boolean; password?: string } = {},
): Promise<OpenVault> {
  const info = await inspectVault(ctx.vaultPath);
  if (!info.exists) {
    throw new LatchError('ERR_VAULT_NOT_FOUND', `No vault at ${ctx.vaultPath}. Create one with "latch init".`);
  }
  const keychain = ctx.keychain;
  if (
    options.allowQuickUnlock !== false &&
    options.password === undefined &&
    info.quickUnlock &&
    keychain &&
    !ctx.values['password-stdin']
  ) {
    try {
      return await openVault({ path: ctx.vaultPath, useQuickUnlock: true, keychain });
    } catch (e) {
      if (!(e instanceof LatchError && (e.code === 'ERR_QUICK_UNLOCK_OFF' || e.code === 'ERR_KEYCHAIN_UNAVAILABLE')))
        throw e;
    }
  }
  const password = options.password ?? (await ctx.secrets.next('Master password: '));
  const vault = await openVault({
    path: ctx.vaultPath,
    password,
    ...(keychain ? { keychain } : {}),
    ...(ctx.recoveryKit !== undefined ? { recoveryKit: ctx.recoveryKit } : {}),
  });
  if (vault.quickUnlock === 'forgotten' && options.allowQuickUnlock !== false) {
    try {
      await vault.enableQuickUnlock();
      ctx.note('Quick unlock is on again for this vault (latch lock forgets it).');
    } catch {
      // Re-arming is a convenience; the command itself goes on.
    }
  }
  return vault;
}
