import { askAgent } from '../../core/agent/agent-client';
import { automaticBackupFiles } from '../../core/io/automatic-backup';
import type { OldBackups } from '../../core/vault/rekey';
import { iterationsOption } from '../iterations-option';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { unlockVault } from '../unlock';

export const passwdCommand: CliCommand = {
  name: 'passwd',
  usage:
    'latch passwd [--iterations N] [--rekey --backups delete|rekey]   (with --password-stdin: old password on line 1, new on line 2)',
  options: {
    iterations: { type: 'string', help: 'also set the PBKDF2 iteration count' },
    rekey: {
      type: 'boolean',
      help: 'also draw a new vault key and re-encrypt every record, so an old copy of the file and the old password open nothing written from now on',
    },
    backups: {
      type: 'string',
      help: 'with --rekey: what to do with the backups under the old key (<vault>.bak, backups/): delete or rekey',
    },
  },
  async run(ctx) {
    const iterations = iterationsOption(ctx.values.iterations);
    const rekey = ctx.values.rekey === true;
    const backups = ctx.values.backups;
    if (!rekey && backups !== undefined) throw usageError('--backups goes with --rekey.');
    if (rekey && backups !== 'delete' && backups !== 'rekey')
      throw usageError('--rekey needs --backups delete or --backups rekey (the backups under the old key).');
    const oldPassword = await ctx.secrets.next('Current master password: ');
    // The old password is the one to check: open with it, not through quick unlock.
    const vault = await unlockVault(ctx, { allowQuickUnlock: false, password: oldPassword });
    try {
      const newPassword = await ctx.secrets.newPassword('New master password: ');
      if (rekey) {
        const r = await vault.changePasswordAndRekey(oldPassword, newPassword, {
          backups: backups as OldBackups,
          backupFiles: await automaticBackupFiles(ctx.vaultPath),
          ...(iterations !== undefined ? { iterations } : {}),
        });
        // A `latch unlock --for` agent still holds the old key: it opens nothing written from now on, but it must
        // not stay in memory either (the app does the same after its re-key).
        const agentStopped = (await askAgent(ctx.io.env, vault.id, 'lock').catch(() => null))?.ok === true;
        const left =
          r.leftBehind.length > 0
            ? ` These backups are still under the old key and could not be changed; delete them: ${r.leftBehind.join(', ')}.`
            : '';
        ctx.output(
          { vaultId: vault.id, iterations: vault.iterations, changed: true, rekeyed: true, agentStopped, ...r },
          `Master password changed and vault re-keyed: ${r.records} record(s) re-encrypted, ${r.backups.length} backup(s) ${backups === 'delete' ? 'deleted' : 're-keyed'}.${agentStopped ? ' The latch unlock --for agent forgot the old key; run latch unlock again.' : ''}${left}`,
        );
        return r.leftBehind.length > 0 ? 1 : 0;
      }
      await vault.changePassword(oldPassword, newPassword, iterations !== undefined ? { iterations } : {});
      ctx.output(
        { vaultId: vault.id, iterations: vault.iterations, changed: true },
        `Master password changed (${vault.iterations} iterations).`,
      );
    } finally {
      vault.lock();
    }
    return 0;
  },
};
