import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Icon } from '../../ui';

/**
 * The palette while the vault is locked: unlock right here (the master password, or quick
 * unlock where the user turned it on) instead of a trip to the main window. Only the vault's
 * own answer is shown; a wrong password says so and the field keeps focus.
 */
export function PaletteUnlock({
  status,
  onOpenApp,
  onClose,
}: {
  status: VaultStatus;
  onOpenApp: () => void;
  onClose: () => void;
}) {
  const latch = useLatch();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quick = status.quickUnlock === 'armed';

  const unlock = async (input: { password: string } | { useQuickUnlock: true }) => {
    setBusy(true);
    setError(null);
    try {
      await latch.vault.unlock(input);
      setPassword('');
    } catch (e) {
      if (!(e instanceof BridgeError)) setError('The vault could not be unlocked.');
      else if (e.code === 'ERR_WRONG_PASSWORD') setError('Wrong password.');
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qa" role="dialog" aria-label="Quick access">
      <form
        className="qa__locked"
        onSubmit={(e) => {
          e.preventDefault();
          if (password !== '') void unlock({ password });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <Icon name="lock" size={20} />
        <p>Latch is locked. Unlock it to copy from here.</p>
        <div className="field__control qa__password">
          <input
            type="password"
            aria-label="Master password"
            placeholder="Master password"
            // biome-ignore lint/a11y/noAutofocus: the locked palette exists to be typed into
            autoFocus
            autoComplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'qa-unlock-error' : undefined}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <Button variant="primary" type="submit" disabled={busy || password === ''}>
          Unlock
        </Button>
        {quick ? (
          <Button type="button" disabled={busy} onClick={() => void unlock({ useQuickUnlock: true })}>
            Quick unlock
          </Button>
        ) : null}
        {error ? (
          <p className="qa__status qa__status--error" id="qa-unlock-error" role="alert">
            {error}
          </p>
        ) : null}
        <Button variant="ghost" type="button" onClick={onOpenApp}>
          Open Latch
        </Button>
      </form>
    </div>
  );
}
