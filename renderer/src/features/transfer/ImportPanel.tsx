import { useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { ImportPreview } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, KeptNotice, PasswordField, TextField, useFocusFirstInvalid, useToast } from '../../ui';
import { errorOf } from '../services/bridge-error';
import { KIND_LABELS } from '../services/kinds';
import { FileDrop } from './FileDrop';
import { fileToBase64, importFileProblem } from './read-file';
import './transfer.css';

type Format = 'auto' | 'env' | 'postman' | 'gcp-service-account' | 'latch';
type Item = Extract<ImportPreview, { format: 'env' | 'postman' | 'gcp-service-account' }>['items'][number];

/** The Becomes cell: what a ticked row becomes, or why an unticked one is left out. */
function becomesText(item: Item, ticked: boolean): string {
  if (!ticked) return item.role === 'configuration' ? 'Skipped: configuration' : 'Skipped, though a secret';
  return item.renamed ? `${item.becomes}, as ${item.credentialName}` : item.becomes;
}

/** What the last import wrote, with a way to open it. */
interface Done {
  message: string;
  serviceId: string | null;
  serviceName: string | null;
}

/**
 * Import: choose or drop a file, see what it would add (names, what each becomes and why,
 * never a value), tick, import all at once, then open the service it went into.
 */
export function ImportPanel({ onOpenService }: { onOpenService: (serviceId: string) => void }) {
  const latch = useLatch();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('auto');
  const [service, setService] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ importId: string; preview: ImportPreview } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  /**
   * A failed save whose import main holds (errorOf's kept). The preview goes with its Import
   * button: importing it again would add every credential twice. Choosing another file starts over.
   */
  const [kept, setKept] = useState<string | null>(null);
  // Preview stays enabled (disabled, it gave no reason and Tab skipped it): pressed with no file, the
  // drop zone says one is needed and takes the focus.
  const [noFile, setNoFile] = useState(false);
  const dropArea = useRef<HTMLDivElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(dropArea);

  const choose = (picked: File | null) => {
    setNoFile(false);
    setPreview(null);
    setDone(null);
    setKept(null);
    const problem = picked ? importFileProblem(picked) : null;
    setError(problem);
    setFile(problem ? null : picked);
  };
  const refuse = (problem: string) => {
    setNoFile(false);
    setPreview(null);
    setDone(null);
    setKept(null);
    setFile(null);
    setError(problem);
  };

  const isBackup = format === 'latch' || (format === 'auto' && file?.name.endsWith('.latch'));

  const makePreview = async () => {
    if (!file) {
      setNoFile(true);
      return focusFirstInvalid();
    }
    setPreview(null);
    const tooBig = importFileProblem(file);
    if (tooBig) return setError(tooBig);
    setBusy(true);
    setError(null);
    try {
      const result = await latch.io.previewImport({
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        ...(format !== 'auto' ? { format } : {}),
        ...(service.trim() ? { service: service.trim() } : {}),
        ...(backupPassword ? { backupPassword } : {}),
      });
      setPreview(result);
      const p = result.preview;
      setSelected(
        new Set(
          p.format === 'latch'
            ? p.services.filter((s) => s.include).map((s) => s.source)
            : p.items.filter((i) => i.include).map((i) => i.variable),
        ),
      );
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'The file could not be read.');
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await latch.io.applyImport({ importId: preview.importId, selected: [...selected] });
      const message = `Imported ${r.credentials} credential${r.credentials === 1 ? '' : 's'} into ${r.services} service${r.services === 1 ? '' : 's'}.`;
      toast.show(message, 'success');
      const p = preview.preview;
      setDone({
        message,
        serviceId: r.serviceIds[0] ?? null,
        serviceName:
          r.serviceIds.length !== 1
            ? null
            : p.format === 'latch'
              ? (p.services.find((s) => selected.has(s.source))?.name ?? null)
              : p.service.name,
      });
      setPreview(null);
      setFile(null);
    } catch (e) {
      const { message, kept: held } = errorOf(e);
      if (!held) setError(e instanceof BridgeError ? message : 'The import failed; nothing was written.');
      else {
        setKept(message);
        setPreview(null);
        setFile(null);
      }
    } finally {
      setBusy(false);
    }
  };

  const toggle = (key: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="card stack">
      <h2 className="section-title">Import</h2>
      <p className="page__lede">
        A .env file, a Postman environment export, a Google service-account key (JSON), or a Latch backup. You see what
        it adds before anything is saved.
      </p>
      <div ref={dropArea}>
        <FileDrop
          file={file}
          onFile={choose}
          onProblem={refuse}
          error={noFile && !file ? 'Choose a file to import first: press here, or drop one on it.' : null}
        />
      </div>
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor="import-format">
            Format
          </label>
          <select
            id="import-format"
            className="select"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as Format)}
          >
            <option value="auto">Detect from the file</option>
            <option value="env">.env</option>
            <option value="postman">Postman environment</option>
            <option value="gcp-service-account">Google service-account key</option>
            <option value="latch">Latch backup</option>
          </select>
        </div>
        {isBackup ? (
          <PasswordField
            label="Backup password"
            autoComplete="off"
            value={backupPassword}
            onChange={(e) => setBackupPassword(e.currentTarget.value)}
          />
        ) : (
          <TextField
            label="Into service"
            value={service}
            onChange={(e) => setService(e.currentTarget.value)}
            hint="Default: named after the file (a service-account key: its project)."
          />
        )}
      </div>
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      {kept !== null ? <KeptNotice message={kept} takeFocus /> : null}
      {done ? (
        <p className="import-done" role="status">
          {done.message}{' '}
          {done.serviceId ? (
            <button type="button" className="import-done__link" onClick={() => onOpenService(done.serviceId!)}>
              {done.serviceName ? `Open ${done.serviceName}` : 'Open the services'}
            </button>
          ) : null}
        </p>
      ) : null}
      <div>
        <Button onClick={() => void makePreview()} disabled={busy}>
          Preview
        </Button>
      </div>
      {preview ? (
        <div className="stack" data-testid="import-preview">
          {preview.preview.format === 'latch' ? (
            <ul className="list">
              {preview.preview.services.map((s) => (
                <li key={s.source} className="hstack">
                  <label className="hstack">
                    <input type="checkbox" checked={selected.has(s.source)} onChange={() => toggle(s.source)} />
                    <strong>{s.name}</strong>
                  </label>
                  <span className="field__hint">
                    {s.credentials.map((c) => `${c.name} (${KIND_LABELS[c.kind]})`).join(', ')}
                  </span>
                  {s.renamed ? <Badge tone="warn">renamed</Badge> : null}
                </li>
              ))}
            </ul>
          ) : (
            <>
              <p className="page__lede">
                Into <strong>{preview.preview.service.name}</strong>{' '}
                {preview.preview.service.exists ? '(existing service)' : '(new service)'}
              </p>
              <table className="table import-table">
                <thead>
                  <tr>
                    <th scope="col">Import</th>
                    <th scope="col">
                      {preview.preview.format === 'gcp-service-account' ? 'Service account' : 'Variable'}
                    </th>
                    <th scope="col">Becomes</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.items.map((i) => (
                    <tr key={i.variable} data-testid="import-row">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Import ${i.variables.join(' and ')}`}
                          checked={selected.has(i.variable)}
                          onChange={() => toggle(i.variable)}
                        />
                      </td>
                      <td className="mono import-table__variables">
                        {i.variables.map((v) => (
                          <span key={v}>{v}</span>
                        ))}
                      </td>
                      <td>
                        <span className="import-table__becomes">{becomesText(i, selected.has(i.variable))}</span>{' '}
                        {i.renamed && selected.has(i.variable) ? <Badge tone="warn">renamed</Badge> : null}
                        <span className="field__hint import-table__why">{i.why}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.preview.skipped.length > 0 ? (
                <p className="field__hint">
                  Skipped (empty values): {preview.preview.skipped.map((s) => s.variable).join(', ')}
                </p>
              ) : null}
            </>
          )}
          <div>
            <Button variant="primary" onClick={() => void apply()} disabled={busy || selected.size === 0}>
              Import {selected.size} selected
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
