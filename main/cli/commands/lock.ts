import { askAgent } from '../../core/agent/agent-client';
import { LatchError } from '../../core/model/errors';
import { type ForgetResult, forgetQuickUnlock, inspectVault } from '../../core/vault/inspect-vault';
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

const AGENT_TEXT =
  'Locked: the unlock agent (latch unlock --for) forgot the key and stopped; the next command asks for the master password.';

/**
 * One message for what lock did: the agent stopping is the lock whenever the keychain held nothing to remove
 * (quick unlock off, no key stored, a hardened vault), so "Already locked" beside it would contradict it.
 */
function lockText(agentStopped: boolean, r: ForgetResult): string {
  if (!agentStopped) return TEXT[r.reason];
  if (r.reason === 'forgotten')
    return 'Locked: the unlock agent forgot the key and stopped, and the quick-unlock key was removed from the keychain; the next command asks for the master password.';
  return AGENT_TEXT;
}

export const lockCommand: CliCommand = {
  name: 'lock',
  usage: 'latch lock [--json]',
  async run(ctx) {
    const info = await inspectVault(ctx.vaultPath);
    if (!info.exists) throw new LatchError('ERR_VAULT_NOT_FOUND', `No vault at ${ctx.vaultPath}.`);
    const agentStopped = (await askAgent(ctx.io.env, info.vaultId, 'lock'))?.ok === true;
    const keychain = await ctx.keychain();
    if (!keychain) {
      if (agentStopped) {
        ctx.output({ vaultId: info.vaultId, agentStopped, forgotten: false }, AGENT_TEXT);
        return 0;
      }
      throw new LatchError(
        'ERR_KEYCHAIN_UNAVAILABLE',
        'No OS keychain (LATCH_NO_KEYCHAIN=1) and no unlock agent: nothing to forget.',
      );
    }
    const r: ForgetResult = await forgetQuickUnlock({ path: ctx.vaultPath, keychain });
    ctx.output({ ...r, agentStopped }, lockText(agentStopped, r));
    return 0;
  },
};
