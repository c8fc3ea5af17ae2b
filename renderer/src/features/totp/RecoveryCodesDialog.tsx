import { useCallback, useEffect, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { useLatch } from '../../latch-context';
import { Badge, Button, Dialog, useToast } from '../../ui';

interface Codes {
  total: number;
  left: number;
  codes: { index: number; label: string; used: boolean }[];
}

const errorText = (e: unknown) => (e instanceof BridgeError ? e.message : 'That did not work.');

/**
 * A service's recovery codes: masked, each copied (in main) and crossed off when used. Stored as
 * the service's "Recovery codes" secret, one per line.
 */
export function RecoveryCodesDialog({
  service,
  onClose,
}: {
  service: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const latch = useLatch();
  const toast = useToast();
  const [codes, setCodes] = useState<Codes | null>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!service) return;
    try {
      const r = await latch.totp.backupCodes({ serviceId: service.id });
      setCodes(r);
      setEditing(r.total === 0);
    } catch (e) {
      setError(errorText(e));
    }
  }, [latch, service]);

  useEffect(() => {
    setCodes(null);
    setText('');
    setError(null);
    void load();
  }, [load]);

  const saveCodes = async () => {
    if (!service) return;
    try {
      const r = await latch.totp.setBackupCodes({ serviceId: service.id, text });
      toast.show(`${r.total} recovery codes saved`, 'success');
      setText('');
      setError(null);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const use = async (index: number) => {
    if (!service) return;
    try {
      const r = await latch.totp.useBackupCode({ serviceId: service.id, index });
      if (r.saved) toast.show(`Recovery code copied and marked used; ${r.left} left`, 'success');
      else toast.show('Recovery code copied and marked used, but not saved yet (see the banner).', 'error');
      await load();
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };

  return (
    <Dialog
      open={service !== null}
      title={service ? `Recovery codes: ${service.name}` : 'Recovery codes'}
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <div className="stack">
        {codes && codes.total > 0 ? (
          <>
            <p>
              <Badge tone={codes.left === 0 ? 'danger' : codes.left <= 2 ? 'warn' : 'ok'}>
                {codes.left} of {codes.total} left
              </Badge>
            </p>
            <ul className="totp-backup" data-testid="backup-codes">
              {codes.codes.map((c) => (
                <li key={c.index} className={c.used ? 'totp-backup--used' : ''}>
                  <span className="mono">{c.label}</span>
                  {c.used ? (
                    <Badge>Used</Badge>
                  ) : (
                    <Button size="small" variant="ghost" onClick={() => void use(c.index)}>
                      Copy and mark used
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            {!editing ? (
              <div>
                <Button size="small" variant="ghost" onClick={() => setEditing(true)}>
                  Replace with new codes…
                </Button>
              </div>
            ) : null}
          </>
        ) : null}
        {editing ? (
          <div className="field">
            <label className="field__label" htmlFor="recovery-paste">
              Paste the codes the site gave you, one per line
            </label>
            <textarea
              id="recovery-paste"
              className="mono totp-textarea"
              rows={6}
              value={text}
              spellCheck={false}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <div className="hstack">
              <Button variant="primary" size="small" onClick={() => void saveCodes()} disabled={text.trim() === ''}>
                Save codes
              </Button>
            </div>
          </div>
        ) : null}
        {error ? <p className="totp-error">{error}</p> : null}
      </div>
    </Dialog>
  );
}
