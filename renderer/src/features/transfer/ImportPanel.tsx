import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { ImportPreview } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, TextField, useToast } from '../../ui';
import { fileToBase64, importFileProblem } from './read-file';

type Format = 'auto' | 'env' | 'postman' | 'latch';

/** Import: choose a file, see what it would add (names and kinds only), tick, import all at once. */
export function ImportPanel() {
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

  const isBackup = format === 'latch' || (format === 'auto' && file?.name.endsWith('.latch'));

  const makePreview = async () => {
    if (!file) return;
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
      toast.show(
        `Imported ${r.credentials} credential${r.credentials === 1 ? '' : 's'} into ${r.services} service${r.services === 1 ? '' : 's'}.`,
        'success',
      );
      setPreview(null);
      setFile(null);
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'The import failed; nothing was written.');
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
        A .env file, a Postman environment export, or a Latch backup. You see what it adds before anything is saved.
      </p>
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor="import-file">
            File
          </label>
          <input
            id="import-file"
            type="file"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setError(null);
            }}
          />
        </div>
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
            <option value="latch">Latch backup</option>
          </select>
        </div>
        {isBackup ? (
          <TextField
            label="Backup password"
            type="password"
            value={backupPassword}
            onChange={(e) => setBackupPassword(e.currentTarget.value)}
          />
        ) : (
          <TextField
            label="Into service"
            value={service}
            onChange={(e) => setService(e.currentTarget.value)}
            hint="Default: named after the file."
          />
        )}
      </div>
      {error ? (
        <p className="gate__error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <Button onClick={() => void makePreview()} disabled={!file || busy}>
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
                  <span className="field__hint">{s.credentials.map((c) => `${c.name} (${c.kind})`).join(', ')}</span>
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
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Import</th>
                    <th scope="col">Variable</th>
                    <th scope="col">Becomes</th>
                    <th scope="col">Kind</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.items.map((i) => (
                    <tr key={i.variable}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Import ${i.variable}`}
                          checked={selected.has(i.variable)}
                          onChange={() => toggle(i.variable)}
                        />
                      </td>
                      <td className="mono">{i.variable}</td>
                      <td>
                        {i.credentialName} {i.renamed ? <Badge tone="warn">renamed</Badge> : null}
                      </td>
                      <td>
                        <Badge>{i.kind}</Badge>
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
