import { askAgent } from '../../core/agent/agent-client';
import { isLatchError } from '../../core/model/errors';
import { deviceKeyName } from '../../core/vault/device-key';
import { inspectBackup, inspectVault } from '../../core/vault/inspect-vault';
import type { CliCommand } from '../registry';

/** What to do with `<vault>.bak` when the vault is damaged: read it first, then restore keeping the damaged file. */
function backupAdvice(vault: string, backup: string): string[] {
  return [
    `  read it (read-only):   latch --vault '${backup}' list`,
    `  restore it:            mv '${vault}' '${vault}.damaged' && cp -p '${backup}' '${vault}'`,
  ];
}

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'latch status [--json]',
  async run(ctx) {
    const keychain = await ctx.keychain();
    const keychainReachable = keychain ? await keychain.available() : false;
    let info: Awaited<ReturnType<typeof inspectVault>>;
    try {
      info = await inspectVault(ctx.vaultPath);
    } catch (e) {
      if (!isLatchError(e)) throw e;
      // Damaged, or from a newer Latch: either way the backup (the save before the last) is the way back.
      const backup = await inspectBackup(ctx.vaultPath);
      const backupLines =
        backup === null
          ? ['Backup:   none (no earlier save was kept)']
          : [
              `Backup:   ${backup.path}, saved ${backup.savedAt}${backup.looksIntact ? '' : ' (it is damaged too)'}`,
              ...(backup.looksIntact ? backupAdvice(ctx.vaultPath, backup.path) : []),
            ];
      ctx.output(
        {
          path: ctx.vaultPath,
          exists: true,
          damaged: { code: e.code, message: e.message },
          backup,
          keychain: { reachable: keychainReachable },
        },
        [
          `Vault:    ${ctx.vaultPath}`,
          `${e.code === 'ERR_VAULT_CORRUPT' ? 'Damaged' : 'Cannot read'}:  ${e.message}`,
          ...backupLines,
          `Keychain: ${keychainReachable ? 'reachable' : 'not reachable'}`,
        ].join('\n'),
      );
      return 1;
    }
    if (!info.exists) {
      ctx.output(
        { path: ctx.vaultPath, exists: false, locked: true, keychain: { reachable: keychainReachable } },
        `No vault at ${ctx.vaultPath} (create one with "latch init").\nKeychain: ${keychainReachable ? 'reachable' : 'not reachable'}`,
      );
      return 0;
    }
    let quickUnlock: 'off' | 'armed' | 'forgotten' | 'unknown' = 'off';
    if (info.quickUnlock) {
      quickUnlock = 'unknown';
      if (keychainReachable && keychain) {
        quickUnlock = (await keychain.get(deviceKeyName(info.vaultId))) === null ? 'forgotten' : 'armed';
      }
    }
    // The command line holds no session: "locked" means the next command needs the master password. An unlock
    // agent holding the key (`latch unlock --for`) answers the next command without it: the key is in memory.
    const reply = await askAgent(ctx.io.env, info.vaultId, 'status').catch(() => null);
    const agent = reply?.ok ? { expiresAt: new Date(reply.expiresAt).toISOString() } : null;
    const locked = quickUnlock !== 'armed' && agent === null;
    const state = agent
      ? `unlocked by the unlock agent until ${agent.expiresAt} (latch lock forgets the key)`
      : locked
        ? 'locked (the next command asks for the master password)'
        : 'unlocked by quick unlock';
    const data = {
      path: info.path,
      exists: true,
      locked,
      agent,
      vaultId: info.vaultId,
      formatVersion: info.formatVersion,
      mode: info.mode,
      kdf: info.kdf,
      iterations: info.iterations,
      quickUnlock,
      revision: info.revision,
      createdAt: info.createdAt,
      size: info.size,
      backupExists: info.backupExists,
      keychain: { reachable: keychainReachable },
    };
    ctx.output(
      data,
      [
        `Vault:        ${info.path}`,
        `State:        ${state}`,
        `Vault id:     ${info.vaultId}`,
        `Format:       v${info.formatVersion}, ${info.mode} mode, revision ${info.revision}`,
        `Key cost:     ${info.kdf}, ${info.iterations} iterations`,
        `Quick unlock: ${quickUnlock}`,
        `Backup:       ${info.backupExists ? `${info.path}.bak` : 'none yet'}`,
        `Keychain:     ${keychainReachable ? 'reachable' : 'not reachable (the master password alone works)'}`,
      ].join('\n'),
    );
    return 0;
  },
};
