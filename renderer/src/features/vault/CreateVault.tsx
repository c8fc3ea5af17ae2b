import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { MASTER_PASSWORD_RULE, MIN_MASTER_PASSWORD_LENGTH, type VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, TextField } from '../../ui';
import { passwordStrength } from './password-strength';

/** First run: a master password twice, and the two keychain choices explained in a line each. */
export function CreateVault({ status, onRecoveryKit }: { status: VaultStatus; onRecoveryKit: (kit: string) => void }) {
  const latch = useLatch();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mode, setMode] = useState<'password' | 'hardened'>('password');
  const [quickUnlock, setQuickUnlock] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = passwordStrength(password);
  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if ([...password].length < MIN_MASTER_PASSWORD_LENGTH)
      return setError(`The master password is too short: ${MASTER_PASSWORD_RULE}.`);
    if (password !== confirm) return setError('The two passwords are not the same.');
    setBusy(true);
    setError(null);
    try {
      const result = await latch.vault.create({ password, mode, quickUnlock: mode === 'password' && quickUnlock });
      setPassword('');
      setConfirm('');
      if (result.recoveryKit) onRecoveryKit(result.recoveryKit);
    } catch (err) {
      setError(err instanceof BridgeError ? err.message : 'The vault could not be created.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="gate__card card" onSubmit={submit} aria-labelledby="create-title">
      <h1 className="gate__title" id="create-title">
        Create your vault
      </h1>
      <p className="gate__lede">
        Everything in Latch is encrypted with a key that only your master password (and, if you choose, this machine)
        can unlock.
      </p>
      <div className="gate__path" title="Vault file">
        {status.path}
      </div>
      <TextField
        label="Master password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        autoFocus
      />
      <div className="meter" data-score={strength.score} aria-label={`Strength: ${strength.label}`} role="img">
        <span className="meter__bar" />
        <span className="meter__bar" />
        <span className="meter__bar" />
        <span className="meter__bar" />
      </div>
      <TextField
        label="Master password again"
        type="password"
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
        error={mismatch ? 'The two passwords are not the same.' : null}
      />
      <p className="warning-note">Latch cannot recover a forgotten master password. Write it down somewhere safe.</p>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
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
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </Button>
      </div>
    </form>
  );
}
