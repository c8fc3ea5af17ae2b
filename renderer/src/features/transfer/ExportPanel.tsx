import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { useLatch } from '../../latch-context';
import { Button, Dialog, TextField, useToast } from '../../ui';
import { base64ToBytes, download } from './read-file';

/** Export: an encrypted backup with its own password; plain text only after an explicit confirmation. */
export function ExportPanel() {
  const latch = useLatch();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const exportBackup = async () => {
    if (password !== again) return setError('The two passwords are not the same.');
    setBusy(true);
    setError(null);
    try {
      const r = await latch.io.exportBackup({ password });
      download(r.fileName, base64ToBytes(r.contentBase64), 'application/octet-stream');
      setPassword('');
      setAgain('');
      toast.show('Encrypted backup saved.', 'success');
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'The backup could not be made.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card stack">
      <h2 className="section-title">Export</h2>
      <p className="page__lede">
        An encrypted backup uses the same cryptography as the vault, under a password of its own.
      </p>
      <div className="form-grid">
        <TextField
          label="Backup password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <TextField
          label="Backup password again"
          type="password"
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
        />
      </div>
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="hstack">
        <Button variant="primary" onClick={() => void exportBackup()} disabled={busy || password.length < 8}>
          Export encrypted backup
        </Button>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Export as plain text…
        </Button>
      </div>
      <Dialog
        open={confirming}
        title="Export every secret in plain text?"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              variant="danger"
              onClick={() =>
                void latch.io.exportPlaintext({ confirmPlaintext: true }).then(
                  (r) => {
                    download(r.fileName, r.content, 'application/json');
                    setConfirming(false);
                  },
                  (e: unknown) => toast.show(e instanceof Error ? e.message : 'Export failed.', 'error'),
                )
              }
            >
              Export in plain text
            </Button>
          </>
        }
      >
        <p>
          The file will hold every key, password and token unencrypted. Anyone who reads it has them. Delete it as soon
          as you are done.
        </p>
      </Dialog>
    </div>
  );
}
