import { useState } from 'react';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useToast } from '../../ui';
import './vault.css';

type Choice = 'reapply' | 'keep-mine' | 'discard';

/**
 * Shown while changes are kept in memory because the last save failed: most often another
 * program (the command line) wrote the vault file meanwhile. Until the user picks a way out,
 * every later save would fail the same way and a lock would refuse to drop the changes.
 */
export function SaveFailedBanner({ status }: { status: VaultStatus }) {
  const latch = useLatch();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!status.unsaved) return null;
  const changedOnDisk = status.saveError === 'ERR_VAULT_CHANGED_ON_DISK';

  const choose = async (choice: Choice) => {
    setBusy(true);
    try {
      await latch.vault.resolveSaveFailure({ choice });
      toast.show(
        choice === 'discard' ? 'Your unsaved changes were discarded; the vault is locked.' : 'Saved.',
        'success',
      );
    } catch (e) {
      toast.show(e instanceof Error ? e.message : 'That did not work.', 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="save-banner" role="alert" data-testid="save-failed-banner">
      <p className="save-banner__text">
        {changedOnDisk
          ? 'Your latest changes are not saved: another program (the latch command line?) changed the vault file since.'
          : 'Your latest changes are not saved: the vault file could not be written.'}
      </p>
      <div className="save-banner__actions">
        <Button variant="primary" size="small" disabled={busy} onClick={() => void choose('reapply')}>
          Reload and re-apply
        </Button>
        <Button size="small" disabled={busy} onClick={() => void choose('keep-mine')}>
          Keep mine
        </Button>
        <Button variant="danger" size="small" disabled={busy} onClick={() => void choose('discard')}>
          Discard
        </Button>
      </div>
    </div>
  );
}
