import { useEffect, useState } from 'react';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Table } from '../../ui';
import { localTime } from '../oauth/format';

type Backups = Awaited<ReturnType<ReturnType<typeof useLatch>['vault']['backups']>>;

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KiB`);

/** The automatic backups (one a day while Latch runs), so the user knows there is a copy to go back to. */
export function BackupsCard({ vault }: { vault: VaultStatus }) {
  const latch = useLatch();
  const [listed, setListed] = useState<Backups | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    latch.vault.backups({}).then(
      (r) => live && setListed(r),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [latch]);

  return (
    <div className="card stack" data-testid="backups">
      <h2 className="section-title">Automatic backups</h2>
      {vault.backupError ? <p className="warning-note">{vault.backupError}</p> : null}
      {failed ? <p className="warning-note">The backups folder could not be read.</p> : null}
      {listed === null ? null : listed.backups.length === 0 ? (
        <p className="field__hint">No automatic backup yet: Latch makes one a day while the vault is unlocked.</p>
      ) : (
        <Table label="Automatic backups" columns={['Made', 'File', 'Size']}>
          {listed.backups.map((b) => (
            <tr key={b.name}>
              <td>{localTime(b.createdAt)}</td>
              <td className="mono">{b.name}</td>
              <td>{size(b.bytes)}</td>
            </tr>
          ))}
        </Table>
      )}
      {listed ? (
        <p className="field__hint">
          In <span className="mono">{listed.folder}</span>. Each is the vault file as it was, under the password it had
          then.
        </p>
      ) : null}
    </div>
  );
}
