import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function vaultHandlers({ vault }: HandlerServices): TableOf<'vault'> {
  return {
    'vault.status': () => vault.statusNow(),
    'vault.create': (input) => vault.create(input),
    'vault.copyRecoveryKit': () => vault.copyRecoveryKit(),
    'vault.forgetRecoveryKit': () => okAfter(vault.forgetRecoveryKit()),
    'vault.unlock': (input) => vault.unlock(input),
    'vault.openBackup': ({ password }) => vault.openBackup(password),
    'vault.restoreBackup': ({ password }) => vault.restoreBackup(password),
    'vault.lock': ({ forget }) => vault.lock(forget),
    'vault.choose': ({ path }) => vault.choose(path),
    'vault.touch': () => okAfter(vault.touch()),
    'vault.changePassword': ({ oldPassword, newPassword, rekey }) =>
      vault.changePassword(oldPassword, newPassword, rekey),
    'vault.setIterations': ({ iterations, password }) => vault.setIterations(iterations, password),
    'vault.measureKdf': ({ iterations }) => vault.measureKdf(iterations),
    'vault.backups': () => vault.backups(),
    'vault.setQuickUnlock': ({ enabled }) => vault.setQuickUnlock(enabled),
    'vault.retrySave': () => vault.retrySave(),
    'vault.reload': () => vault.reload(),
    'vault.resolveSaveFailure': ({ choice }) => vault.resolveSaveFailure(choice),
  };
}
