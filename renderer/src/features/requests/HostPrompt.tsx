import { Button, Dialog } from '../../ui';

/** What main said when it held a signed request back (ERR_HOST_NOT_ALLOWED's detail). */
export interface HostQuestion {
  host: string;
  origin: string;
  reason: 'unbound-host' | 'plain-http';
  credentialName: string;
  /** The hosts it goes to without asking, as main listed them ('' when its service has no base URL). */
  bound: string;
}

/**
 * Asks once per host before a credential leaves its service's hosts (or goes over plain HTTP).
 * "Don't send" is first in tab order and is what Escape does. The yes is a click, and main
 * takes it only with the click's user activation (requests.approveHost is a gesture channel).
 */
export function HostPrompt({
  question,
  busy,
  onAllow,
  onClose,
}: {
  question: HostQuestion | null;
  busy: boolean;
  onAllow: () => void;
  onClose: () => void;
}) {
  const q = question;
  return (
    <Dialog
      open={q !== null}
      title={q ? `Send ${q.credentialName} to ${q.host}?` : ''}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Don't send</Button>
          <Button variant="danger" disabled={busy} onClick={onAllow}>
            Send to this host
          </Button>
        </>
      }
    >
      {q ? (
        <div className="stack host-prompt">
          <p className="dialog__text" data-testid="host-prompt-text">
            {q.reason === 'plain-http' ? (
              <>
                <strong className="mono">{q.origin}</strong> is plain HTTP: anyone on the network path could read the
                request, {q.credentialName} included.
              </>
            ) : (
              <>
                <strong className="mono">{q.origin}</strong> is not a host “{q.credentialName}” is bound to
                {q.bound === '' ? ' (its service has no base URL)' : <> ({q.bound})</>}.
              </>
            )}{' '}
            Nothing has been sent yet.
          </p>
          <p className="dialog__text">
            A yes is remembered for this credential and this host only. To bind the host for good, add it to the
            credential.
          </p>
        </div>
      ) : null}
    </Dialog>
  );
}
