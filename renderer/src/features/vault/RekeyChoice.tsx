export type RekeyBackups = 'delete' | 'rekey';

const BACKUP_CHOICES: { value: RekeyBackups; title: string; body: string }[] = [
  { value: 'delete', title: 'Delete them', body: 'The .bak file and the automatic backups go; new backups follow.' },
  { value: 'rekey', title: 'Re-key them', body: 'They stay, and open with the new password only.' },
];

/**
 * Under the new-password fields: "also replace the vault key", and what becomes of the backups
 * still under the old key. Off by default: a re-key rewrites every record and the backups.
 */
export function RekeyChoice({
  rekey,
  backups,
  onRekey,
  onBackups,
}: {
  rekey: boolean;
  backups: RekeyBackups;
  onRekey: (on: boolean) => void;
  onBackups: (choice: RekeyBackups) => void;
}) {
  return (
    <fieldset className="stack plain-fieldset">
      <label className="choice">
        <input type="checkbox" checked={rekey} onChange={(e) => onRekey(e.currentTarget.checked)} />
        <span>
          <span className="choice__title">Also replace the vault key</span>
          <br />
          <span className="choice__body">
            Every record is re-encrypted, so an old copy of the file and the old password open nothing written from now
            on.
          </span>
        </span>
      </label>
      {rekey ? (
        <div className="stack" role="radiogroup" aria-label="Backups under the old key" style={{ marginLeft: 24 }}>
          <span className="field__label">Backups under the old key</span>
          {BACKUP_CHOICES.map((c) => (
            <label key={c.value} className="choice">
              <input
                type="radio"
                name="rekey-backups"
                checked={backups === c.value}
                onChange={() => onBackups(c.value)}
              />
              <span>
                <span className="choice__title">{c.title}</span>
                <br />
                <span className="choice__body">{c.body}</span>
              </span>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
