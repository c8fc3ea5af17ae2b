import { askAgent } from '../core/agent/agent-client';
import { LatchError } from '../core/model/errors';
import { importVaultKey } from '../core/vault/aead';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault, readVaultSource, type VaultSource } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import type { CliContext } from './registry';

export interface UnlockOptions {
  /** Quick unlock through the keychain or the agent (default true). */
  allowQuickUnlock?: boolean;
  /** The key held by `latch unlock --for` (default: as allowQuickUnlock). */
  allowAgent?: boolean;
  password?: string;
  /** Never prompt: fail with ERR_VAULT_LOCKED when neither the agent nor quick unlock opens it (completion). */
  noPrompt?: boolean;
}

async function fromAgent(ctx: CliContext, source: VaultSource, vaultId: string): Promise<OpenVault | null> {
  const reply = await askAgent(ctx.io.env, vaultId, 'key').catch(() => null);
  if (!reply?.ok || reply.key === undefined) return null;
  const vaultKey = await importVaultKey(new Uint8Array(Buffer.from(reply.key, 'base64')));
  try {
    return await openVault({ path: ctx.vaultPath, source, vaultKey });
  } catch (e) {
    if (e instanceof LatchError && e.code === 'ERR_VAULT_LOCKED') return null;
    throw e;
  }
}

/**
 * Unlocks the vault for a command, reading the file once: the key held by the unlock agent
 * (`latch unlock --for`), then quick unlock through the keychain when it is on and armed (neither when
 * --password-stdin was given), else the master password (plus the device key or --recovery-kit in
 * hardened mode). After a password unlock of a vault whose quick unlock was "locked and forgotten",
 * quick unlock is re-armed with a fresh device key.
 */
export async function unlockVault(ctx: CliContext, options: UnlockOptions = {}): Promise<OpenVault> {
  let source: VaultSource;
  try {
    source = await readVaultSource(ctx.vaultPath);
  } catch (e) {
    if (e instanceof LatchError && e.code === 'ERR_VAULT_NOT_FOUND')
      throw new LatchError('ERR_VAULT_NOT_FOUND', `No vault at ${ctx.vaultPath}. Create one with "latch init".`);
    throw e;
  }
  const { header } = decodeVaultFile(source.bytes);
  const quick = options.allowQuickUnlock !== false && options.password === undefined && !ctx.values['password-stdin'];
  if (quick && options.allowAgent !== false) {
    const vault = await fromAgent(ctx, source, header.vaultId);
    if (vault) return vault;
  }
  const keychain = header.slots.device !== undefined || header.mode === 'hardened' ? await ctx.keychain() : undefined;
  if (quick && header.slots.device !== undefined && keychain) {
    try {
      return await openVault({ path: ctx.vaultPath, source, useQuickUnlock: true, keychain });
    } catch (e) {
      if (!(e instanceof LatchError && (e.code === 'ERR_QUICK_UNLOCK_OFF' || e.code === 'ERR_KEYCHAIN_UNAVAILABLE')))
        throw e;
    }
  }
  if (options.noPrompt && options.password === undefined)
    throw new LatchError(
      'ERR_VAULT_LOCKED',
      'The vault is locked and this command cannot ask for the password: run "latch unlock --for 15m" first (or turn on quick unlock).',
    );
  const password = options.password ?? (await ctx.secrets.next('Master password: '));
  const vault = await openVault({
    path: ctx.vaultPath,
    source,
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
