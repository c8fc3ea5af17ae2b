import { measureKdf } from '../../core/vault/kdf';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

type VaultChannels =
  | 'vault.status'
  | 'vault.create'
  | 'vault.unlock'
  | 'vault.lock'
  | 'vault.choose'
  | 'vault.touch'
  | 'vault.changePassword'
  | 'vault.setIterations'
  | 'vault.measureKdf'
  | 'vault.setQuickUnlock'
  | 'vault.retrySave'
  | 'vault.reload';

export function vaultHandlers({ vault }: AppServices): Pick<HandlerTable, VaultChannels> {
  return {
    'vault.status': () => vault.status(),
    'vault.create': (input) => vault.create(input),
    'vault.unlock': (input) => vault.unlock(input),
    'vault.lock': ({ forget }) => vault.lock(forget),
    'vault.choose': ({ path }) => vault.choose(path),
    'vault.touch': () => {
      vault.session.touch();
      return { ok: true as const };
    },
    'vault.changePassword': async ({ oldPassword, newPassword }) => {
      await vault.vault().changePassword(oldPassword, newPassword);
      return vault.changed();
    },
    'vault.setIterations': async ({ iterations, password }) => {
      await vault.vault().setIterations(iterations, password);
      return vault.changed();
    },
    'vault.measureKdf': async ({ iterations }) => ({ ms: await measureKdf(iterations) }),
    'vault.setQuickUnlock': async ({ enabled }) => {
      const v = vault.vault();
      if (enabled) await v.enableQuickUnlock();
      else await v.disableQuickUnlock();
      return vault.changed();
    },
    'vault.retrySave': async () => {
      await vault.vault().save();
      return vault.changed();
    },
    'vault.reload': async () => {
      await vault.vault().reload();
      const status = await vault.changed();
      return status;
    },
  };
}
