import type { VaultStatus } from '../../../../preload/contract';
import { CreateVault } from './CreateVault';
import { UnlockVault } from './UnlockVault';
import './vault.css';

/** What shows while the vault is absent or locked: no name or secret from inside it. */
export function VaultGate({
  status,
  lastReason,
  onRecoveryKit,
}: {
  status: VaultStatus;
  lastReason: string | null;
  onRecoveryKit: (kit: string) => void;
}) {
  const notice = lastReason === 'auto-locked' ? 'Latch locked itself after a period of inactivity.' : null;
  return (
    <div className="gate" data-testid="vault-gate">
      {status.state === 'absent' ? (
        <CreateVault status={status} onRecoveryKit={onRecoveryKit} />
      ) : (
        <UnlockVault status={status} notice={notice} />
      )}
    </div>
  );
}
