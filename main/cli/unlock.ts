import { askAgent } from '../core/agent/agent-client';
import { LatchError } from '../core/model/errors';
import { importVaultKey } from '../core/vault/aead';
import { inspectBackup } from '../core/vault/inspect-vault';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault, readVaultSource, type VaultSource } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import { isBackupPath } from './backup-path';
import type { CliContext } from './registry';

export interface UnlockOptions {
  /** Quick unlock through the keychain or the agent (default true). */
  allowQuickUnlock?: boolean;
  /** The key held by `latch unlock --for` (default: as allowQuickUnlock). */
  allowAgent?: boolean;
  password?: string;
  /** Never prompt: fail with ERR_VAULT_LOCKED when neither the agent nor quick unlock opens it (completion). */
  noPrompt?: boolean;
  /** Called once the key derivation has started (openVault's whileDeriving): load what runs after the unlock. */
  whileDeriving?: (derived: Promise<void>) => void;
}

async function fromAgent(
  ctx: CliContext,
  source: VaultSource,
  vaultId: string,
  readOnly: boolean,
  whileDeriving: UnlockOptions['whileDeriving'],
): Promise<OpenVault | null> {
  const reply = await askAgent(ctx.io.env, vaultId, 'key').catch(() => null);
  if (!reply?.ok || reply.key === undefined) return null;
  const vaultKey = await importVaultKey(new Uint8Array(Buffer.from(reply.key, 'base64')));
  try {
    return await openVault({ path: ctx.vaultPath, source, vaultKey, readOnly, whileDeriving });
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
  const readOnly = isBackupPath(ctx.vaultPath);
  const vault = await unlockFile(ctx, options, readOnly).catch(async (e: unknown) => {
    throw readOnly ? e : await offeringBackup(ctx.vaultPath, e);
  });
  if (vault.readOnly) ctx.note(`latch: ${ctx.vaultPath} is a backup: opened read-only, nothing will be written to it.`);
  return vault;
}

/** A damaged vault's error, with its intact backup named and how to read it (every damaged-file path). */
async function offeringBackup(path: string, e: unknown): Promise<unknown> {
  if (!(e instanceof LatchError) || (e.code !== 'ERR_VAULT_CORRUPT' && e.code !== 'ERR_VAULT_UNSUPPORTED')) return e;
  if (e.code === 'ERR_VAULT_UNSUPPORTED' && e.detail?.part === 'format') return e; // a newer Latch's file is not damaged
  const backup = await inspectBackup(path).catch(() => null);
  if (backup === null || !backup.looksIntact) return e;
  // openVault's own offer (its cause is the bare damage) speaks of the app's button; the command line says how here.
  const damage = e.detail?.backupAvailable === true && e.cause instanceof LatchError ? e.cause : e;
  const message = damage.message;
  return new LatchError(
    e.code,
    `${message} Its backup ${backup.path} (saved ${backup.savedAt}) looks intact: read it with latch --vault '${backup.path}' COMMAND (read-only); "latch status" shows how to restore it.`,
    { cause: e, detail: { ...e.detail, backupAvailable: true } },
  );
}

async function unlockFile(ctx: CliContext, options: UnlockOptions, readOnly: boolean): Promise<OpenVault> {
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
    const vault = await fromAgent(ctx, source, header.vaultId, readOnly, options.whileDeriving);
    if (vault) return vault;
  }
  const keychain = header.slots.device !== undefined || header.mode === 'hardened' ? await ctx.keychain() : undefined;
  if (quick && header.slots.device !== undefined && keychain) {
    try {
      return await openVault({
        path: ctx.vaultPath,
        source,
        useQuickUnlock: true,
        keychain,
        readOnly,
        whileDeriving: options.whileDeriving,
      });
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
    readOnly,
    whileDeriving: options.whileDeriving,
    startedKdf: ctx.startedKdf,
    ...(keychain ? { keychain } : {}),
    ...(ctx.recoveryKit !== undefined ? { recoveryKit: ctx.recoveryKit } : {}),
  });
  if (vault.quickUnlock === 'forgotten' && options.allowQuickUnlock !== false && !readOnly) {
    try {
      await vault.enableQuickUnlock();
      ctx.note('Quick unlock is on again for this vault (latch lock forgets it).');
    } catch {
      // Re-arming is a convenience; the command itself goes on.
    }
  }
  return vault;
}
