import { type ClipboardEvent, type DragEvent, useEffect, useId, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { MigrationPreviewAccount, TotpAddItem, TotpPreview } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, TextField, useToast, WriteDialog } from '../../ui';
import { errorOf } from '../services/bridge-error';
import { problemBlocksSave, secretProblem, secretProblemText } from './format';
import { imagePixels } from './image-pixels';
import { type OtpAlgorithm, OtpParamsFields } from './OtpParamsFields';

type Tab = 'secret' | 'link' | 'qr' | 'google';
const TABS: { id: Tab; label: string }[] = [
  { id: 'secret', label: 'Secret key' },
  { id: 'link', label: 'otpauth:// link' },
  { id: 'qr', label: 'QR image' },
  { id: 'google', label: 'Google Authenticator export' },
];

const errorText = (e: unknown) => (e instanceof BridgeError ? e.message : 'That did not work.');

export interface AddTotpDialogProps {
  open: boolean;
  onClose: () => void;
  serviceNames: string[];
}

/** What `totp.parseUri` answers for a link or a scanned QR. */
interface ParsedLink {
  preview: TotpPreview;
  issuerMismatch: boolean;
  secretWarning: string | null;
}

function PreviewCard({ parsed }: { parsed: ParsedLink }) {
  const { preview, issuerMismatch: mismatch, secretWarning: warning } = parsed;
  return (
    <dl className="kv totp-preview" data-testid="totp-preview">
      <dt>Issuer</dt>
      <dd>{preview.issuer ?? '—'}</dd>
      <dt>Account</dt>
      <dd>{preview.account ?? '—'}</dd>
      <dt>Type</dt>
      <dd>
        {preview.type.toUpperCase()} · {preview.algorithm} · {preview.digits} digits
        {preview.type === 'hotp' ? ` · counter ${preview.counter}` : ` · ${preview.period} s`}
      </dd>
      {mismatch ? (
        <>
          <dt>Note</dt>
          <dd className="kv__prose">The label and the issuer disagree; the issuer parameter is used.</dd>
        </>
      ) : null}
      {warning ? (
        <>
          <dt>Warning</dt>
          <dd className="kv__prose totp-warning" data-testid="totp-secret-warning">
            {warning}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Add a code by typing its secret, pasting a link, dropping a QR image, or importing a Google export. */
export function AddTotpDialog({ open, onClose, serviceNames }: AddTotpDialogProps) {
  const latch = useLatch();
  const toast = useToast();
  const listId = useId();
  const [tab, setTab] = useState<Tab>('secret');
  const [serviceName, setServiceName] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A failed save whose codes main holds (errorOf's kept): adding them again would make copies. */
  const [kept, setKept] = useState<string | null>(null);
  // Secret tab
  const [secret, setSecret] = useState('');
  const [secretTouched, setSecretTouched] = useState(false);
  const [issuer, setIssuer] = useState('');
  const [account, setAccount] = useState('');
  const [type, setType] = useState<'totp' | 'hotp'>('totp');
  const [algorithm, setAlgorithm] = useState<OtpAlgorithm>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  // Link / QR
  const [uri, setUri] = useState('');
  const [preview, setPreview] = useState<ParsedLink | null>(null);
  const [uriError, setUriError] = useState<string | null>(null);
  const [qrStatus, setQrStatus] = useState<string | null>(null);
  // Google export
  const [migrationUri, setMigrationUri] = useState('');
  const [accounts, setAccounts] = useState<MigrationPreviewAccount[] | null>(null);
  const [batchNote, setBatchNote] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [migrationError, setMigrationError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setTab('secret');
    setServiceName('');
    setName('');
    setError(null);
    setKept(null);
    setSecret('');
    setSecretTouched(false);
    setIssuer('');
    setAccount('');
    setType('totp');
    setAlgorithm('SHA1');
    setDigits(6);
    setPeriod(30);
    setUri('');
    setPreview(null);
    setUriError(null);
    setQrStatus(null);
    setMigrationUri('');
    setAccounts(null);
    setChosen(new Set());
    setMigrationError(null);
    setBatchNote(null);
  }, [open]);

  useEffect(() => {
    const text = uri.trim();
    if (text === '') {
      setPreview(null);
      setUriError(null);
      return;
    }
    let live = true;
    latch.totp.parseUri({ uri: text }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setUriError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setPreview(null);
        setUriError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [latch, uri]);

  useEffect(() => {
    const text = migrationUri.trim();
    if (text === '') {
      setAccounts(null);
      setMigrationError(null);
      return;
    }
    let live = true;
    latch.totp.importMigration({ uri: text }).then(
      (batch) => {
        if (!live) return;
        setAccounts(batch.accounts);
        setChosen(new Set(batch.accounts.filter((a) => a.ok).map((a) => a.index)));
        setBatchNote(batch.batchSize > 1 ? `Part ${batch.batchIndex + 1} of ${batch.batchSize} of the export.` : null);
        setMigrationError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setAccounts(null);
        setMigrationError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [latch, migrationUri]);

  const decodeImage = async (blob: Blob) => {
    setQrStatus('Reading the image…');
    try {
      const text = (await latch.totp.decodeQrPixels(await imagePixels(blob))).text.trim();
      if (text.toLowerCase().startsWith('otpauth-migration:')) {
        setMigrationUri(text);
        setTab('google');
        setQrStatus(null);
      } else {
        setUri(text);
        setQrStatus('QR code read.');
      }
      // A footer error about the missing image is answered now.
      setError(null);
    } catch (e) {
      setQrStatus(e instanceof BridgeError ? e.message : 'That image could not be read.');
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
    if (file) {
      e.preventDefault();
      void decodeImage(file);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
    if (file) void decodeImage(file);
  };

  const problem = secretProblem(secret);
  const defaultService = tab === 'secret' ? issuer.trim() : (preview?.preview.issuer ?? '');
  const defaultName =
    tab === 'secret' ? account.trim() || issuer.trim() : (preview?.preview.account ?? preview?.preview.issuer ?? '');

  const save = async () => {
    setError(null);
    let items: TotpAddItem[];
    if (tab === 'google') {
      if (!accounts) return;
      items = accounts
        .filter((a) => a.ok && chosen.has(a.index))
        .map((a) => ({
          serviceName: a.issuer || a.account,
          name: a.account || a.issuer || 'Code',
          source: { kind: 'migration' as const, uri: migrationUri.trim(), index: a.index },
        }));
      if (items.length === 0) return setError('Choose at least one account to import.');
    } else {
      // A link that does not parse is already pointed at under its field; a second error here
      // ("name the service") would blame the wrong thing.
      if (tab !== 'secret' && !preview) {
        if (uriError && uri.trim() !== '') return;
        return setError(tab === 'qr' ? 'Drop or paste a QR image first.' : 'Paste a valid link first.');
      }
      const svc = serviceName.trim() || defaultService || name.trim() || defaultName;
      const credName = name.trim() || defaultName || 'One-time code';
      if (!svc) return setError('Name the service this code signs in to.');
      if (tab === 'secret') {
        setSecretTouched(true);
        if (problemBlocksSave(problem)) return;
        items = [
          {
            serviceName: svc,
            name: credName,
            source: {
              kind: 'fields',
              fields: {
                secret,
                type,
                algorithm,
                digits,
                period,
                ...(issuer.trim() ? { issuer: issuer.trim() } : {}),
                ...(account.trim() ? { account: account.trim() } : {}),
              },
            },
          },
        ];
      } else {
        items = [{ serviceName: svc, name: credName, source: { kind: 'uri', uri: uri.trim() } }];
      }
    }
    setBusy(true);
    try {
      const r = await latch.totp.add({ items });
      toast.show(r.added.length === 1 ? 'Code added' : `${r.added.length} codes added`, 'success');
      onClose();
    } catch (e) {
      const { message, kept: held } = errorOf(e);
      if (held) setKept(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const targetFields =
    tab === 'google' ? null : (
      <div className="form-grid totp-target">
        <TextField
          label="Service"
          list={listId}
          value={serviceName}
          placeholder={defaultService || 'e.g. GitHub'}
          onChange={(e) => setServiceName(e.currentTarget.value)}
          hint="An existing service, or a new one with this name."
        />
        <datalist id={listId}>
          {serviceNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <TextField
          label="Code name"
          value={name}
          placeholder={defaultName || 'e.g. 2FA'}
          onChange={(e) => setName(e.currentTarget.value)}
        />
      </div>
    );

  const okCount = accounts?.filter((a) => a.ok && chosen.has(a.index)).length ?? 0;

  return (
    <WriteDialog
      open={open}
      title="Add a one-time code"
      onClose={onClose}
      kept={kept}
      footer={
        <>
          {error ? (
            <span className="totp-error" role="alert">
              {error}
            </span>
          ) : null}
          <span className="spacer" />
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void save()} disabled={busy}>
            {tab === 'google' ? `Import ${okCount} ${okCount === 1 ? 'account' : 'accounts'}` : 'Add code'}
          </Button>
        </>
      }
    >
      <div className="totp-add" onPaste={onPaste}>
        <div className="tabs" role="tablist" aria-label="How to add">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={`tabs__tab${tab === t.id ? ' tabs__tab--current' : ''}`}
              onClick={() => {
                // The footer speaks about the tab it was raised on; it does not follow to another.
                setTab(t.id);
                setError(null);
              }}
            >
              {t.label}
            </button>
          ))}
        </div>

        {tab === 'secret' ? (
          <div className="stack" role="tabpanel">
            <TextField
              label="Secret key"
              mono
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              onBlur={() => setSecretTouched(true)}
              error={
                problemBlocksSave(problem) && problem && (secretTouched || problem.kind === 'char')
                  ? secretProblemText(problem)
                  : null
              }
              hint="Base32, as the site shows it; spaces and lower case are fine."
            />
            {problem && !problemBlocksSave(problem) ? (
              <p className="totp-warning" role="status" data-testid="totp-secret-warning">
                {secretProblemText(problem)}
              </p>
            ) : null}
            <div className="form-grid">
              <TextField label="Issuer" value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} />
              <TextField label="Account" value={account} onChange={(e) => setAccount(e.currentTarget.value)} />
            </div>
            <details className="totp-advanced">
              <summary>Advanced: type, algorithm, digits, period</summary>
              <div className="totp-advanced__grid">
                <label className="field">
                  <span className="field__label">Type</span>
                  <select
                    className="select"
                    value={type}
                    onChange={(e) => setType(e.currentTarget.value as 'totp' | 'hotp')}
                  >
                    <option value="totp">Time-based (TOTP)</option>
                    <option value="hotp">Counter-based (HOTP)</option>
                  </select>
                </label>
                <OtpParamsFields
                  value={{ algorithm, digits, period }}
                  onChange={(p) => {
                    setAlgorithm(p.algorithm);
                    setDigits(p.digits);
                    setPeriod(p.period);
                  }}
                />
              </div>
            </details>
            {targetFields}
          </div>
        ) : null}

        {tab === 'link' ? (
          <div className="stack" role="tabpanel">
            <TextField
              label="Set-up link"
              mono
              value={uri}
              placeholder="otpauth://totp/Issuer:account?secret=…"
              onChange={(e) => {
                setUri(e.currentTarget.value);
                setError(null);
              }}
              error={uriError}
            />
            {preview ? <PreviewCard parsed={preview} /> : null}
            {targetFields}
          </div>
        ) : null}

        {tab === 'qr' ? (
          <div className="stack" role="tabpanel">
            <label className="totp-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="qr-drop">
              <span>Drop a QR image here, paste one (Ctrl+V), or choose a file.</span>
              <input
                type="file"
                accept="image/*"
                aria-label="QR image"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) void decodeImage(file);
                  e.currentTarget.value = '';
                }}
              />
            </label>
            {qrStatus ? (
              <p className="totp-status" role="status">
                {qrStatus}
              </p>
            ) : null}
            {uriError && uri ? <p className="totp-error">{uriError}</p> : null}
            {preview ? <PreviewCard parsed={preview} /> : null}
            {targetFields}
          </div>
        ) : null}

        {tab === 'google' ? (
          <div className="stack" role="tabpanel">
            <TextField
              label="Export link"
              mono
              value={migrationUri}
              placeholder="otpauth-migration://offline?data=…"
              onChange={(e) => setMigrationUri(e.currentTarget.value)}
              error={migrationError}
              hint="In Google Authenticator: Transfer accounts → Export. Scan the QR in the QR image tab, or paste its link."
            />
            {batchNote ? <p className="totp-status">{batchNote}</p> : null}
            {accounts ? (
              <ul className="totp-import" data-testid="migration-accounts">
                {accounts.map((a) => (
                  <li key={a.index} className={a.ok ? '' : 'totp-import--bad'}>
                    <label className="hstack">
                      <input
                        type="checkbox"
                        disabled={!a.ok}
                        checked={a.ok && chosen.has(a.index)}
                        aria-label={`Import ${a.issuer ? `${a.issuer}: ` : ''}${a.account}`}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setChosen((prev) => {
                            const next = new Set(prev);
                            if (on) next.add(a.index);
                            else next.delete(a.index);
                            return next;
                          });
                        }}
                      />
                      <span className="totp-import__name">
                        <strong>{a.issuer ?? a.account}</strong>
                        {a.issuer ? <span className="totp-import__account"> {a.account}</span> : null}
                      </span>
                      <span className="spacer" />
                      <Badge>{a.type.toUpperCase()}</Badge>
                      <Badge>{a.algorithm}</Badge>
                      <Badge>{a.digits} digits</Badge>
                    </label>
                    {a.error ? <span className="totp-import__error">{a.error}</span> : null}
                    {a.warning ? <span className="totp-import__error">{a.warning}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </WriteDialog>
  );
}
