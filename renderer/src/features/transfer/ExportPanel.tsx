import { useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { ExportOutcome } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Dialog, PasswordField, useFocusFirstInvalid, useToast } from '../../ui';

const failure = (e: unknown, fallback: string) => (e instanceof BridgeError ? e.message : fallback);

/** What is missing or wrong in the three fields, each under its own; null where the field is fine. */
function backupErrors(master: string, password: string, again: string) {
  return {
    master: master === '' ? 'Type your master password.' : null,
    password:
      password === ''
        ? 'Choose a password for the backup.'
        : password.length < 8
          ? 'The backup password needs at least 8 characters.'
          : null,
    again:
      again === ''
        ? 'Type the backup password again.'
        : again !== password
          ? 'The two backup passwords are not the same.'
          : null,
  };
}

/**
 * Export: an encrypted backup with its own password, or plain text after an explicit
 * confirmation. Both ask for the master password again and save through a dialog shown by
 * main: the file's content never reaches this page.
 */
export function ExportPanel() {
  const latch = useLatch();
  const toast = useToast();
  const [master, setMaster] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [plainMaster, setPlainMaster] = useState('');
  const [plainError, setPlainError] = useState<string | null>(null);
  // As the backup's button: pressed with no master password, it says so under the field and focuses it.
  const [plainSubmitted, setPlainSubmitted] = useState(false);
  const plainFields = useRef<HTMLDivElement>(null);
  const focusPlainInvalid = useFocusFirstInvalid(plainFields);
  const [busy, setBusy] = useState(false);
  // The button stays enabled (a disabled one said nothing and Tab skipped it): pressing it with a field
  // missing shows each field's message and focuses the first.
  const [submitted, setSubmitted] = useState(false);
  const fields = useRef<HTMLDivElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(fields);
  const problems = backupErrors(master, password, again);
  const shown = (message: string | null) => (submitted ? message : null);

  const announce = (r: ExportOutcome, what: string) => {
    if (r.saved) toast.show(`${what} saved to ${r.path}.`, 'success');
  };

  const exportBackup = async () => {
    setSubmitted(true);
    if (problems.master || problems.password || problems.again) return focusFirstInvalid();
    setBusy(true);
    setError(null);
    try {
      announce(await latch.io.exportBackup({ masterPassword: master, backupPassword: password }), 'Encrypted backup');
      setMaster('');
      setPassword('');
      setAgain('');
      setSubmitted(false);
    } catch (e) {
      setError(failure(e, 'The backup could not be made.'));
    } finally {
      setBusy(false);
    }
  };

  const closePlaintext = () => {
    setConfirming(false);
    setPlainSubmitted(false);
  };

  const exportPlaintext = async () => {
    setPlainSubmitted(true);
    if (plainMaster === '') return focusPlainInvalid();
    setBusy(true);
    setPlainError(null);
    try {
      announce(
        await latch.io.exportPlaintext({ masterPassword: plainMaster, confirmPlaintext: true }),
        'Plain-text export',
      );
      setPlainMaster('');
      closePlaintext();
    } catch (e) {
      setPlainError(failure(e, 'The export could not be made.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card stack">
      <h2 className="section-title">Export</h2>
      <p className="page__lede">
        An encrypted backup uses the same cryptography as the vault, under a password of its own. Type your master
        password and the backup's password; Latch then asks where to save the file.
      </p>
      <div className="form-grid" ref={fields}>
        <PasswordField
          label="Master password"
          autoComplete="current-password"
          value={master}
          error={shown(problems.master)}
          onChange={(e) => setMaster(e.currentTarget.value)}
        />
        <PasswordField
          label="Backup password"
          autoComplete="new-password"
          value={password}
          error={shown(problems.password)}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <PasswordField
          label="Backup password again"
          autoComplete="new-password"
          value={again}
          error={shown(problems.again)}
          onChange={(e) => setAgain(e.currentTarget.value)}
        />
      </div>
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="hstack">
        <Button variant="primary" onClick={() => void exportBackup()} disabled={busy}>
          Export encrypted backup
        </Button>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Export as plain text…
        </Button>
      </div>
      <Dialog
        open={confirming}
        title="Export every secret in plain text?"
        onClose={closePlaintext}
        footer={
          <>
            <Button onClick={closePlaintext}>Cancel</Button>
            <Button variant="danger" disabled={busy} onClick={() => void exportPlaintext()}>
              Export in plain text
            </Button>
          </>
        }
      >
        <p>
          The file will hold every key, password and token unencrypted. Anyone who reads it has them. Delete it as soon
          as you are done.
        </p>
        <div ref={plainFields}>
          <PasswordField
            label="Master password"
            autoComplete="current-password"
            value={plainMaster}
            error={plainSubmitted && plainMaster === '' ? 'Type your master password.' : null}
            onChange={(e) => setPlainMaster(e.currentTarget.value)}
          />
        </div>
        {plainError ? (
          <p className="gate__error" role="alert">
            {plainError}
          </p>
        ) : null}
      </Dialog>
    </div>
  );
}
