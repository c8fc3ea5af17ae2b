import { useEffect, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { TotpEntry } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Dialog } from '../../ui';

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Shows a code's set-up QR and link again, to move it to another authenticator. It reveals the secret. */
export function QrDialog({ entry, onClose }: { entry: TotpEntry | null; onClose: () => void }) {
  const latch = useLatch();
  const [shown, setShown] = useState<{ uri: string; svg: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setShown(null);
    setError(null);
  }, [entry]);
  const reveal = async () => {
    if (!entry) return;
    try {
      setShown(await latch.totp.showQr({ serviceId: entry.serviceId, credentialId: entry.credentialId }));
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'That did not work.');
    }
  };
  return (
    <Dialog
      open={entry !== null}
      title={entry ? `Set-up QR: ${entry.name}` : 'Set-up QR'}
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {shown ? (
        <div className="stack totp-qr">
          <img src={svgDataUrl(shown.svg)} alt="QR code of the set-up link" width={220} height={220} />
          <code className="totp-uri" data-testid="totp-uri">
            {shown.uri}
          </code>
        </div>
      ) : (
        <div className="stack">
          <p>
            The QR code and link contain the secret key. Anyone who sees them can make this account's codes. Show them
            only to move the code to another authenticator.
          </p>
          {error ? <p className="totp-error">{error}</p> : null}
          <div>
            <Button variant="primary" onClick={() => void reveal()}>
              Show QR and link
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
