import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button } from '../../ui';
import { savedAt } from './DamagedVaultNotice';
import './vault.css';

/**
 * Shown the whole time the backup is open read-only (the vault file is damaged): every change is
 * refused by main, so say it before the user tries. Closing the backup goes back to the unlock
 * screen, where it can be restored.
 */
export function ReadOnlyBanner({ status }: { status: VaultStatus }) {
  const latch = useLatch();
  if (!status.readOnly) return null;
  return (
    <div className="save-banner" role="alert" data-testid="read-only-banner">
      <p className="save-banner__text">
        <strong>Read-only backup.</strong>{' '}
        {status.backup
          ? `You are looking at the backup saved ${savedAt(status.backup.savedAt)}, because the vault file is damaged.`
          : 'You are looking at the backup, because the vault file is damaged.'}{' '}
        Nothing can be changed here; to work in it, close it and restore it.
      </p>
      <div className="save-banner__actions">
        <Button size="small" onClick={() => void latch.vault.lock({}).catch(() => undefined)}>
          Close the backup
        </Button>
      </div>
    </div>
  );
}
