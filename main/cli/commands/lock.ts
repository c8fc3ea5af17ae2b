import { LatchError } from '../../core/model/errors';
import { forgetQuickUnlock } from '../../core/vault/inspect-vault';
import type { CliCommand } from '../registry';

const TEXT = {
  forgotten:
    'Locked: the quick-unlock key was removed from the keychain; the next command asks for the master password.',
  'no-key-stored': 'Already locked: no quick-unlock key was stored for this vault on this computer.',
  'quick-unlock-off':
    'Already locked: quick unlock is off for this vault, so every command asks for the master password.',
  hardened:
    'Hardened vault: every command already asks for the master password. Its device key stays in the keychain (it is half of the key, not a session).',
} as const;

export const lockCommand: CliCommand = {
  name: 'lock',
  summary: 'Lock and forget: remove the quick-unlock key from the keychain so the next use needs the password.',
  usage: 'latch lock [--json]',
  async run(ctx) {
    if (!ctx.keychain)
      throw new LatchError('ERR_KEYCHAIN_UNAVAILABLE', 'No OS keychain (LATCH_NO_KEYCHAIN=1): nothing to forget.');
    const r = await forgetQuickUnlock({ path: ctx.vaultPath, keychain: ctx.keychain });
    ctx.output(r, TEXT[r.reason]);
    return 0;
  },
};
