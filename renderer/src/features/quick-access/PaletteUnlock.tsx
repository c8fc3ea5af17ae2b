import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Icon, PasswordField } from '../../ui';

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
        <PasswordField
          label="Master password"
          className="qa__password"
          // The locked palette exists to be typed into.
          autoFocus
          autoComplete="current-password"
          value={password}
          error={error}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button variant="primary" type="submit" disabled={busy || password === ''}>
          Unlock
        </Button>
        {quick ? (
          <Button type="button" disabled={busy} onClick={() => void unlock({ useQuickUnlock: true })}>
            Quick unlock
          </Button>
        ) : null}
        <Button variant="ghost" type="button" onClick={onOpenApp}>
          Open Latch
        </Button>
      </form>
    </div>
  );
}
