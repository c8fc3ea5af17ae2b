import { powerMonitor } from 'electron';
import type { VaultService } from '../app/vault/vault-service';

/**
 * Locks the vault when the machine sleeps or the screen locks: a laptop left open in a
 * bag or a locked workstation must not leave Latch unlocked behind it. Pending changes
 * are saved first (an automatic lock keeps going even if that save fails, and says so).
 */
export function lockOnSuspendAndScreenLock(vault: VaultService): () => void {
  const lock = () => void vault.session.lock('auto').catch(() => undefined);
  powerMonitor.on('suspend', lock);
  powerMonitor.on('lock-screen', lock);
  return () => {
    powerMonitor.off('suspend', lock);
    powerMonitor.off('lock-screen', lock);
  };
}
