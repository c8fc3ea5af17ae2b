import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, PasswordField, TextField } from '../../ui';
import { CreateVault } from './CreateVault';
import { DamagedVaultNotice } from './DamagedVaultNotice';
import type { LockNotice } from './lock-notice';
import { useRetryWait } from './use-retry-wait';

/** The unlock screen. It names nothing inside the vault: locked means locked. */
export function UnlockVault({
  status,
  notice,
  onRecoveryKit,
}: {
  status: VaultStatus;
  notice: LockNotice | null;
  onRecoveryKit: (kit: string) => void;
}) {
  const latch = useLatch();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The error is the file's damage, which the damage notice already says (with the backup) once main knows it. */
  const [errorIsDamage, setErrorIsDamage] = useState(false);
  const [busy, setBusy] = useState(false);
  const [needsKit, setNeedsKit] = useState(false);
  const [kit, setKit] = useState('');
  const [otherOpen, setOtherOpen] = useState(false);
  const [otherPath, setOtherPath] = useState('');
  const [otherError, setOtherError] = useState<string | null>(null);
  /** The path the user chose holds no vault: say so and offer the ways on. */
  const [noVaultAt, setNoVaultAt] = useState<string | null>(null);
  const [createAt, setCreateAt] = useState<string | null>(null);
  const wait = useRetryWait();

  const attempt = async (input: { password?: string; useQuickUnlock?: boolean; useBackup?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await latch.vault.unlock({ ...input, ...(needsKit && kit ? { recoveryKit: kit } : {}) });
      setPassword('');
    } catch (e) {
      if (!(e instanceof BridgeError)) return setError('The vault could not be unlocked.');
      if (e.code === 'ERR_WRONG_PASSWORD') {
        setError('Wrong password.');
        // Main makes the next attempt wait; show it rather than a button that hangs.
        void latch.vault.status().then(
          (s) => wait.start(s.retryAfterMs),
          () => undefined,
        );
      } else setError(e.message);
      setErrorIsDamage(e.code === 'ERR_VAULT_CORRUPT' || e.code === 'ERR_VAULT_UNSUPPORTED');
      if (e.code === 'ERR_DEVICE_KEY_MISSING') setNeedsKit(true);
    } finally {
      setBusy(false);
    }
  };

  /** The vault file is damaged: open its backup read-only, or restore it (the damaged file is kept aside). */
  const useBackup = async (how: 'open' | 'restore') => {
    setBusy(true);
    setError(null);
    setErrorIsDamage(false);
    try {
      if (how === 'open') await latch.vault.openBackup({ password });
      else await latch.vault.restoreBackup({ password });
      setPassword('');
    } catch (e) {
      setError(
        e instanceof BridgeError && e.code === 'ERR_WRONG_PASSWORD'
          ? 'Wrong password for the backup.'
          : e instanceof Error
            ? e.message
            : 'That did not work.',
      );
      if (e instanceof BridgeError && e.code === 'ERR_WRONG_PASSWORD')
        void latch.vault.status().then(
          (s) => wait.start(s.retryAfterMs),
          () => undefined,
        );
    } finally {
      setBusy(false);
    }
  };
  const backupUsable = status.damaged !== null && status.backup?.looksIntact === true;

  const openOther = async () => {
    setOtherError(null);
    setNoVaultAt(null);
    try {
      await latch.vault.choose({ path: otherPath.trim() });
      setOtherOpen(false);
    } catch (e) {
      if (e instanceof BridgeError && e.code === 'ERR_VAULT_NOT_FOUND') setNoVaultAt(otherPath.trim());
      else setOtherError(e instanceof Error ? e.message : String(e));
    }
  };

  if (createAt !== null)
    return (
      <CreateVault status={status} path={createAt} onRecoveryKit={onRecoveryKit} onBack={() => setCreateAt(null)} />
    );

  return (
    <form
      className="gate__card card"
      aria-labelledby="unlock-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!backupUsable) void attempt({ password });
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
      <DamagedVaultNotice status={status} />
      <PasswordField
        label="Master password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        autoComplete="current-password"
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
      {error && !(errorIsDamage && status.damaged) ? (
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
        {backupUsable ? (
          <>
            <Button onClick={() => void useBackup('open')} disabled={busy || password === '' || wait.seconds > 0}>
              Open the backup read-only
            </Button>
            <Button
              variant="primary"
              onClick={() => void useBackup('restore')}
              disabled={busy || password === '' || wait.seconds > 0}
            >
              {wait.seconds > 0 ? `Wait ${wait.seconds} s` : 'Restore the backup'}
            </Button>
          </>
        ) : (
          <Button type="submit" variant="primary" disabled={busy || password === '' || wait.seconds > 0}>
            {wait.seconds > 0 ? `Wait ${wait.seconds} s` : busy ? 'Unlocking…' : 'Unlock'}
          </Button>
        )}
      </div>
      <details open={otherOpen} onToggle={(e) => setOtherOpen(e.currentTarget.open)}>
        <summary className="field__hint">Open another vault file</summary>
        {noVaultAt !== null ? (
          <div className="gate__notice" role="alert" data-testid="no-vault">
            <h2 className="gate__notice-title">No vault at this path</h2>
            <span className="gate__path">{noVaultAt}</span>
            <div className="hstack">
              <Button
                variant="primary"
                onClick={() => {
                  setCreateAt(noVaultAt);
                  setNoVaultAt(null);
                  setOtherOpen(false);
                }}
              >
                Create here
              </Button>
              <Button
                onClick={() => {
                  setNoVaultAt(null);
                  setOtherPath('');
                }}
              >
                Choose another
              </Button>
              <Button
                variant="ghost"
                onClick={() => {
                  setNoVaultAt(null);
                  setOtherOpen(false);
                }}
              >
                Back
              </Button>
            </div>
          </div>
        ) : (
          <div className="hstack" style={{ marginTop: 8, alignItems: 'flex-end' }}>
            <TextField
              label="Vault file path"
              value={otherPath}
              onChange={(e) => {
                setOtherPath(e.currentTarget.value);
                setOtherError(null);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (otherPath.trim()) void openOther();
              }}
              error={otherError}
              placeholder="/path/to/vault.latch"
              mono
              autoFocus={otherOpen}
            />
            <Button disabled={!otherPath.trim()} onClick={() => void openOther()}>
              Open
            </Button>
          </div>
        )}
      </details>
    </form>
  );
}
