import { useMemo, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { TotpEntry } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Dialog, EmptyState, Icon, ReadFailed, TextField, useNow, useToast } from '../../ui';
import { AddTotpDialog } from './AddTotpDialog';
import { ClockWarning } from './ClockWarning';
import { CodeRow } from './CodeRow';
import { MfaLab } from './MfaLab';
import { QrDialog } from './QrDialog';
import { RecoveryCodesDialog } from './RecoveryCodesDialog';
import { useLiveCodes, useTotpEntries } from './use-live-codes';
import './totp.css';
import { ROUTE_NAMES } from '../../app/route-names';

function matches(entry: TotpEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [entry.name, entry.serviceName, entry.issuer ?? '', entry.account ?? ''].some((s) =>
    s.toLowerCase().includes(q),
  );
}

function CodesView() {
  const latch = useLatch();
  const toast = useToast();
  const { entries, error, version, reload } = useTotpEntries();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [qrFor, setQrFor] = useState<TotpEntry | null>(null);
  const [recoveryFor, setRecoveryFor] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<TotpEntry | null>(null);
  const visible = useMemo(() => (entries ?? []).filter((e) => matches(e, query)), [entries, query]);
  // Only the codes on screen are computed and sent by main.
  const ids = useMemo(() => visible.map((e) => e.credentialId), [visible]);
  const codes = useLiveCodes(ids, version);
  const now = useNow(250);
  const serviceNames = useMemo(() => [...new Set((entries ?? []).map((e) => e.serviceName))], [entries]);

  const remove = async () => {
    if (!deleting) return;
    try {
      await latch.credentials.delete({ serviceId: deleting.serviceId, credentialId: deleting.credentialId });
      toast.show('Code deleted', 'success');
    } catch (e) {
      toast.show(e instanceof BridgeError ? e.message : 'That did not work.', 'error');
    }
    setDeleting(null);
  };

  return (
    <>
      <div className="totp-toolbar">
        <TextField
          label="Search codes"
          className="totp-search"
          type="search"
          value={query}
          placeholder="Name, service or account"
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <Button variant="primary" onClick={() => setAdding(true)}>
          <Icon name="plus" /> Add code
        </Button>
      </div>
      {error !== null ? (
        <ReadFailed
          title="Your codes could not be listed"
          message={error instanceof BridgeError ? error.message : 'Main did not answer.'}
          onRetry={reload}
        >
          They are still in the vault; adding them again would make copies.
        </ReadFailed>
      ) : entries === null ? null : entries.length === 0 ? (
        <EmptyState
          glyph="totp"
          title="No one-time codes yet"
          action={
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add your first code
            </Button>
          }
        >
          Add a code from a secret key, an otpauth:// link, a QR image, or a Google Authenticator export.
        </EmptyState>
      ) : visible.length === 0 ? (
        <p className="page__lede">No code matches “{query}”.</p>
      ) : (
        <ul className="boxed-list" aria-label="One-time codes">
          {visible.map((entry) => (
            <CodeRow
              key={entry.credentialId}
              entry={entry}
              live={codes.get(entry.credentialId)}
              now={now}
              onShowQr={setQrFor}
              onRecoveryCodes={(e) => setRecoveryFor({ id: e.serviceId, name: e.serviceName })}
              onDelete={setDeleting}
            />
          ))}
        </ul>
      )}
      <AddTotpDialog open={adding} onClose={() => setAdding(false)} serviceNames={serviceNames} />
      <QrDialog entry={qrFor} onClose={() => setQrFor(null)} />
      <RecoveryCodesDialog service={recoveryFor} onClose={() => setRecoveryFor(null)} />
      <Dialog
        open={deleting !== null}
        title="Delete this code?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => void remove()}>
              Delete
            </Button>
          </>
        }
      >
        <p>
          {deleting ? `“${deleting.name}” (${deleting.serviceName}) ` : ''}will be removed from the vault. Make sure you
          can still sign in another way (another authenticator or a recovery code).
        </p>
      </Dialog>
    </>
  );
}

/** The Codes screen: live one-time codes, and the MFA lab beside them. */
export function TotpPage() {
  const [tab, setTab] = useState<'codes' | 'lab'>('codes');
  return (
    <div className="page totp-page">
      <header className="page__header">
        <h1 className="page__title">{ROUTE_NAMES.totp}</h1>
        <span className="spacer" />
        <div className="tabs" role="tablist" aria-label="Codes or lab">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'codes'}
            className={`tabs__tab${tab === 'codes' ? ' tabs__tab--current' : ''}`}
            onClick={() => setTab('codes')}
          >
            Codes
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'lab'}
            className={`tabs__tab${tab === 'lab' ? ' tabs__tab--current' : ''}`}
            onClick={() => setTab('lab')}
          >
            MFA lab
          </button>
        </div>
      </header>
      {tab === 'codes' ? <ClockWarning /> : null}
      {tab === 'codes' ? <CodesView /> : <MfaLab />}
    </div>
  );
}
