import type { VaultStatus } from '../../../../preload/contract';

/** When the backup was saved, as the user reads dates (the file's own time, not a guess). */
export const savedAt = (iso: string) => new Date(iso).toLocaleString();

/**
 * On the unlock screen when the vault file cannot be opened: what is wrong with it, and whether the
 * backup (the save before the last) is there and passes the checks. Says only what main found.
 */
export function DamagedVaultNotice({ status }: { status: VaultStatus }) {
  if (!status.damaged) return null;
  const { backup } = status;
  return (
    <div className="gate__notice gate__notice--danger" role="alert" data-testid="damaged-vault">
      <h2 className="gate__notice-title">The vault file is damaged</h2>
      <p className="gate__notice-text">{status.damaged.message}</p>
      <p className="gate__notice-text">
        {backup === null
          ? 'There is no backup beside it: restore one of the automatic backups, or open another vault file.'
          : backup.looksIntact
            ? `Its backup, saved ${savedAt(backup.savedAt)}, looks intact. Open it read-only to look, or restore it: the damaged file is kept beside it as ${baseName(status.path)}.damaged-<date>, never deleted.`
            : `Its backup (saved ${savedAt(backup.savedAt)}) is damaged too: restore one of the automatic backups, or open another vault file.`}
      </p>
    </div>
  );
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
