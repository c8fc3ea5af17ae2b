import { useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useFocusFirstInvalid } from '../../ui';
import { NewPasswordFields } from './NewPasswordFields';
import { useNewPassword } from './use-new-password';

/**
 * First run: a master password twice, and the two keychain choices explained in a line each.
 * With `path`, a new vault at a file the user chose ("No vault at this path" → Create here),
 * and `onBack` returns to the vault they had.
 */
export function CreateVault({
  status,
  onRecoveryKit,
  path,
  onBack,
}: {
  status: VaultStatus;
  onRecoveryKit: (kit: string) => void;
  path?: string;
  onBack?: () => void;
}) {
  const latch = useLatch();
  const [mode, setMode] = useState<'password' | 'hardened'>('password');
  const [quickUnlock, setQuickUnlock] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const newPassword = useNewPassword();
  const form = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(form);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!newPassword.check()) return focusFirstInvalid();
    setBusy(true);
    setError(null);
    try {
      const result = await latch.vault.create({
        password: newPassword.password,
        mode,
        quickUnlock: mode === 'password' && quickUnlock,
        ...(path ? { path } : {}),
      });
      newPassword.reset();
      if (result.recoveryKit) onRecoveryKit(result.recoveryKit);
    } catch (err) {
      setError(err instanceof BridgeError ? err.message : 'The vault could not be created.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="gate__card card" onSubmit={submit} aria-labelledby="create-title">
      <h1 className="gate__title" id="create-title">
        Create your vault
      </h1>
      <p className="gate__lede">
        Everything in Latch is encrypted with a key that only your master password (and, if you choose, this machine)
        can unlock.
      </p>
      <div className="gate__path" title="Vault file">
        {path ?? status.path}
      </div>
      <NewPasswordFields label="Master password" {...newPassword.fields} autoFocus />
      <p className="warning-note">Latch cannot recover a forgotten master password. Write it down somewhere safe.</p>
      <fieldset className="stack plain-fieldset">
        <legend className="field__label">Unlocking</legend>
        <label className="choice">
          <input type="radio" name="mode" checked={mode === 'password'} onChange={() => setMode('password')} />
          <span>
            <span className="choice__title">Master password</span>
            <br />
            <span className="choice__body">The password alone opens the vault, on any machine.</span>
          </span>
        </label>
        {mode === 'password' ? (
          <label className="choice" style={{ marginLeft: 24, opacity: status.keychainReachable ? 1 : 0.6 }}>
            <input
              type="checkbox"
              checked={quickUnlock}
              disabled={!status.keychainReachable}
              onChange={(e) => setQuickUnlock(e.currentTarget.checked)}
            />
            <span>
              <span className="choice__title">Quick unlock</span>
              <br />
              <span className="choice__body">
                {status.keychainReachable
                  ? 'The OS keychain holds a key so the tray and the command line unlock without retyping.'
                  : 'No OS keychain is reachable on this machine, so quick unlock is not available.'}
              </span>
            </span>
          </label>
        ) : null}
        <label className="choice" style={{ opacity: status.keychainReachable ? 1 : 0.6 }}>
          <input
            type="radio"
            name="mode"
            checked={mode === 'hardened'}
            disabled={!status.keychainReachable}
            onChange={() => setMode('hardened')}
          />
          <span>
            <span className="choice__title">Hardened: password and this machine</span>
            <br />
            <span className="choice__body">
              Unlocking needs both the password and a device key in the OS keychain; you save a recovery kit.
            </span>
          </span>
        </label>
      </fieldset>
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="gate__actions">
        {onBack ? (
          <Button onClick={onBack} disabled={busy}>
            Back
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </Button>
      </div>
    </form>
  );
}
