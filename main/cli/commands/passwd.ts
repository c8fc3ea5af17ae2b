import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { unlockVault } from '../unlock';

export const passwdCommand: CliCommand = {
  name: 'passwd',
  usage: 'latch passwd [--iterations N]   (with --password-stdin: old password on line 1, new on line 2)',
  options: {
    iterations: { type: 'string', help: 'also set the PBKDF2 iteration count' },
  },
  async run(ctx) {
    let iterations: number | undefined;
    if (typeof ctx.values.iterations === 'string') {
      if (!/^\d+$/.test(ctx.values.iterations)) throw usageError('--iterations takes a whole number.');
      iterations = Number(ctx.values.iterations);
    }
    const oldPassword = await ctx.secrets.next('Current master password: ');
    // The old password is the one to check: open with it, not through quick unlock.
    const vault = await unlockVault(ctx, { allowQuickUnlock: false, password: oldPassword });
    try {
      const newPassword = await ctx.secrets.newPassword('New master password: ');
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
