import { useEffect, useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, PasswordField, TextField, useFocusFirstInvalid, useToast } from '../../ui';
import { NewPasswordFields } from './NewPasswordFields';
import { type RekeyBackups, RekeyChoice } from './RekeyChoice';
import { passwordChangeMessage } from './rekey-outcome';
import { useNewPassword } from './use-new-password';

const errorText = (e: unknown) =>
  e instanceof BridgeError ? (e.code === 'ERR_WRONG_PASSWORD' ? 'Wrong password.' : e.message) : 'That did not work.';

/** Quick unlock, master password and KDF cost: the vault's own settings. */
export function VaultSettings({ vault }: { vault: VaultStatus }) {
  const latch = useLatch();
  const toast = useToast();
  const [oldPw, setOldPw] = useState('');
  const newPw = useNewPassword();
  const [pwError, setPwError] = useState<string | null>(null);
  const [rekey, setRekey] = useState(false);
  const [rekeyBackups, setRekeyBackups] = useState<RekeyBackups>('delete');
  const [pwBusy, setPwBusy] = useState(false);
  const [pwOutcome, setPwOutcome] = useState<ReturnType<typeof passwordChangeMessage> | null>(null);
  const [iterations, setIterations] = useState(vault.iterations ?? 600_000);
  const [cost, setCost] = useState<number | null>(null);
  const [kdfPw, setKdfPw] = useState('');
  const [kdfError, setKdfError] = useState<string | null>(null);
  // A change refused here (too short, not the same) or by main (wrong current password) lands the focus
  // on the first field with a message, wherever the user submitted from.
  const pwForm = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(pwForm);
  const [kdfPwMissing, setKdfPwMissing] = useState(false);
  const kdfForm = useRef<HTMLFormElement>(null);
  const focusFirstInvalidKdf = useFocusFirstInvalid(kdfForm);

  useEffect(() => {
    let live = true;
    setCost(null);
    const t = setTimeout(() => {
      if (iterations >= 100_000 && iterations <= 100_000_000) {
        void latch.vault.measureKdf({ iterations }).then((r) => live && setCost(r.ms));
      }
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [latch, iterations]);

  return (
    <>
      <div className="card stack">
        <h2 className="section-title">Unlocking</h2>
        <div className="hstack">
          <span>Mode:</span>
          <Badge tone="accent">
            {vault.mode === 'hardened' ? 'Hardened (password + this machine)' : 'Master password'}
          </Badge>
        </div>
        {vault.mode === 'password' ? (
          <label className="hstack">
            <input
              type="checkbox"
              checked={vault.quickUnlock === 'armed'}
              disabled={!vault.keychainReachable}
              onChange={(e) =>
                void latch.vault.setQuickUnlock({ enabled: e.currentTarget.checked }).then(
                  () => toast.show('Quick unlock updated.', 'success'),
                  // A no to main's question: the box shows the state main kept, nothing to report.
                  (err: unknown) =>
                    err instanceof BridgeError && err.code === 'ERR_CANCELLED'
                      ? undefined
                      : toast.show(errorText(err), 'error'),
                )
              }
            />
            Quick unlock through the OS keychain
            {!vault.keychainReachable ? (
              <span className="field__hint">(no keychain is reachable on this machine)</span>
            ) : null}
          </label>
        ) : null}
        <div>
          <Button onClick={() => void latch.vault.lock({ forget: true })}>Lock and forget quick unlock</Button>
        </div>
      </div>
      <form
        ref={pwForm}
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          setPwError(null);
          setPwOutcome(null);
          // Every field's message at once, then the first of them takes the focus (the button is always reachable).
          const newOk = newPw.check();
          if (!oldPw) setPwError('Type your current password.');
          if (!oldPw || !newOk) return focusFirstInvalid();
          setPwBusy(true);
          latch.vault
            .changePassword({
              oldPassword: oldPw,
              newPassword: newPw.password,
              ...(rekey ? { rekey: { backups: rekeyBackups } } : {}),
            })
            .then(
              (change) => {
                setOldPw('');
                newPw.reset();
                setRekey(false);
                const outcome = passwordChangeMessage(change);
                // A re-key's report (what was deleted, what is left) stays on the page; a toast would vanish.
                if (change.rekey) setPwOutcome(outcome);
                else toast.show(outcome.text, 'success');
              },
              (err: unknown) => {
                setPwError(errorText(err));
                focusFirstInvalid();
              },
            )
            .finally(() => setPwBusy(false));
        }}
      >
        <h2 className="section-title">Change master password</h2>
        <PasswordField
          label="Current password"
          value={oldPw}
          onChange={(e) => {
            setOldPw(e.currentTarget.value);
            setPwError(null);
          }}
          error={pwError}
          autoComplete="current-password"
        />
        <NewPasswordFields label="New password" {...newPw.fields} />
        <RekeyChoice rekey={rekey} backups={rekeyBackups} onRekey={setRekey} onBackups={setRekeyBackups} />
        {pwOutcome ? (
          <p className={pwOutcome.tone === 'warning' ? 'warning-note' : 'field__hint'} role="status">
            {pwOutcome.text}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={pwBusy}>
            {pwBusy ? (rekey ? 'Re-keying…' : 'Changing…') : rekey ? 'Change password and re-key' : 'Change password'}
          </Button>
        </div>
      </form>
      <form
        className="card stack"
        ref={kdfForm}
        onSubmit={(e) => {
          e.preventDefault();
          setKdfError(null);
          if (!kdfPw) {
            setKdfPwMissing(true);
            return focusFirstInvalidKdf();
          }
          latch.vault.setIterations({ iterations, password: kdfPw }).then(
            () => {
              setKdfPw('');
              toast.show('Key derivation cost updated.', 'success');
            },
            (err: unknown) => setKdfError(errorText(err)),
          );
        }}
      >
        <h2 className="section-title">Key derivation (PBKDF2-HMAC-SHA256)</h2>
        <div className="form-grid">
          <TextField
            label="Iterations"
            type="number"
            min={100_000}
            step={50_000}
            value={iterations}
            onChange={(e) => setIterations(Number(e.currentTarget.value))}
            hint={cost === null ? 'Measuring…' : `Unlocking costs about ${Math.round(cost)} ms on this machine.`}
          />
          <PasswordField
            label="Master password"
            value={kdfPw}
            onChange={(e) => {
              setKdfPw(e.currentTarget.value);
              setKdfPwMissing(false);
            }}
            error={kdfPwMissing ? 'Type your master password.' : null}
            autoComplete="current-password"
          />
        </div>
        {kdfError ? (
          <p className="gate__error" role="alert">
            {kdfError}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={iterations === vault.iterations}>
            Apply
          </Button>
        </div>
      </form>
    </>
  );
}
