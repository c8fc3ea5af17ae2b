import { LatchError } from '../../core/model/errors';
import { DEFAULT_ITERATIONS } from '../../core/vault/constants';
import { createVault } from '../../core/vault/create-vault';
import { iterationsOption } from '../iterations-option';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'latch init [--hardened] [--quick-unlock] [--iterations N]',
  options: {
    hardened: {
      type: 'boolean',
      help: 'unlocking needs the password AND this computer’s device key; prints a recovery kit',
    },
    'quick-unlock': { type: 'boolean', help: 'unlock without the password through the OS keychain until "latch lock"' },
    iterations: { type: 'string', help: `PBKDF2 iterations (default ${DEFAULT_ITERATIONS}, at least 100000)` },
  },
  async run(ctx) {
    const hardened = ctx.values.hardened === true;
    const quickUnlock = ctx.values['quick-unlock'] === true;
    if (hardened && quickUnlock) throw usageError('--hardened and --quick-unlock exclude each other.');
    const iterations = iterationsOption(ctx.values.iterations);
    const keychain = await ctx.keychain();
    if ((hardened || quickUnlock) && !keychain) {
      throw new LatchError(
        'ERR_KEYCHAIN_UNAVAILABLE',
        'No OS keychain (LATCH_NO_KEYCHAIN=1): create a password-only vault.',
      );
    }
    const password = await ctx.secrets.newPassword('New master password: ');
    const { vault, recoveryKit } = await createVault({
      path: ctx.vaultPath,
      password,
      mode: hardened ? 'hardened' : 'password',
      quickUnlock,
      ...(iterations !== undefined ? { iterations } : {}),
      ...(keychain ? { keychain } : {}),
    });
    const data = {
      path: ctx.vaultPath,
      vaultId: vault.id,
      mode: vault.mode,
      iterations: vault.iterations,
      quickUnlock,
      ...(recoveryKit ? { recoveryKit } : {}),
    };
    vault.lock();
    ctx.output(
      data,
      [
        `Created vault ${data.vaultId} at ${data.path} (${data.mode} mode, ${data.iterations} iterations${quickUnlock ? ', quick unlock on' : ''}).`,
        ...(recoveryKit
          ? [
              '',
              'SAVE THIS RECOVERY KIT NOW. Without it, losing this computer’s keychain means losing the vault.',
              '',
              recoveryKit,
            ]
          : []),
      ].join('\n'),
    );
    return 0;
  },
};
