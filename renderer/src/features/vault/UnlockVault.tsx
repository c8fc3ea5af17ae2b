import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, TextField } from '../../ui';
import type { LockNotice } from './lock-notice';

/** The unlock screen. It names nothing inside the vault: locked means locked. */
export function UnlockVault({ status, notice }: { status: VaultStatus; notice: LockNotice | null }) {
  const latch = useLatch();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsKit, setNeedsKit] = useState(false);
  const [kit, setKit] = useState('');
  const [offerBackup, setOfferBackup] = useState(false);
  const [otherPath, setOtherPath] = useState<string | null>(null);

  const attempt = async (input: { password?: string; useQuickUnlock?: boolean; useBackup?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await latch.vault.unlock({ ...input, ...(needsKit && kit ? { recoveryKit: kit } : {}) });
      setPassword('');
    } catch (e) {
      if (!(e instanceof BridgeError)) return setError('The vault could not be unlocked.');
      if (e.code === 'ERR_WRONG_PASSWORD') setError('Wrong password.');
      else setError(e.message);
      if (e.code === 'ERR_DEVICE_KEY_MISSING') setNeedsKit(true);
      if (e.code === 'ERR_VAULT_CORRUPT' && status.backupExists) setOfferBackup(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="gate__card card"
      aria-labelledby="unlock-title"
      onSubmit={(e) => {
        e.preventDefault();
        void attempt({ password });
      }}
    >
      <h1 className="gate__title" id="unlock-title">
        Unlock Latch
      </h1>
      {notice?.lost ? (
        <p className="gate__lost" role="alert" data-testid="lost-changes">
          {notice.text}
        </p>
      ) : notice ? (
        <p className="gate__lede" role="status">
          {notice.text}
        </p>
      ) : null}
      <div className="gate__path" title="Vault file" data-testid="vault-path">
        {status.path}
      </div>
      <TextField
        label="Master password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        autoFocus
      />
      {needsKit ? (
        <div className="field">
          <label className="field__label" htmlFor="kit">
            Recovery kit
          </label>
          <textarea
            id="kit"
            className="field__textarea mono"
            value={kit}
            onChange={(e) => setKit(e.currentTarget.value)}
          />
          <span className="field__hint">
            This machine's keychain has no device key for this vault: paste the recovery kit you saved.
          </span>
        </div>
      ) : null}
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="gate__actions">
        {status.quickUnlock === 'armed' ? (
          <Button onClick={() => void attempt({ useQuickUnlock: true })} disabled={busy}>
            Quick unlock
          </Button>
        ) : null}
        {offerBackup ? (
          <Button onClick={() => void attempt({ password, useBackup: true })} disabled={busy || password === ''}>
            Open the backup
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={busy || password === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </Button>
      </div>
      <details>
        <summary className="field__hint">Open another vault file</summary>
        <div className="hstack" style={{ marginTop: 8 }}>
          <TextField
            label="Vault file path"
            value={otherPath ?? ''}
            onChange={(e) => setOtherPath(e.currentTarget.value)}
            placeholder="/path/to/vault.latch"
            mono
          />
          <Button
            disabled={!otherPath}
            onClick={() => {
              if (otherPath)
                void latch.vault
                  .choose({ path: otherPath })
                  .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
            }}
          >
            Open
          </Button>
        </div>
      </details>
    </form>
  );
}
