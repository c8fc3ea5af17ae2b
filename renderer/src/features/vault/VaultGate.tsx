import type { VaultStatus } from '../../../../preload/contract';
import { CreateVault } from './CreateVault';
import { lockNotice } from './lock-notice';
import { UnlockVault } from './UnlockVault';
import './vault.css';

/** What shows while the vault is absent or locked: no name or secret from inside it. */
export function VaultGate({
  status,
  lastReason,
  lost,
  onRecoveryKit,
}: {
  status: VaultStatus;
  lastReason: string | null;
  /** What the last lock dropped, named by main. */
  lost: readonly string[];
  onRecoveryKit: (kit: string) => void;
}) {
  const notice = lockNotice(lastReason, lost);
  return (
    <div className="gate" data-testid="vault-gate">
      {status.state === 'absent' ? (
        <CreateVault status={status} onRecoveryKit={onRecoveryKit} />
      ) : (
        <UnlockVault status={status} notice={notice} onRecoveryKit={onRecoveryKit} />
      )}
    </div>
  );
}
