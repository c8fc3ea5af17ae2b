import { useState } from 'react';
import {
  type CredentialView,
  effectiveRecipeText,
  HMAC_PRESETS,
  type ServiceSummary,
  type StoredDefaultHeader,
  serviceHeaderRows,
} from '../../../../preload/contract';
import { Button } from '../../ui';
import { KIND_LABELS } from '../services/kinds';
import { RecipePreview } from '../services/RecipePreview';
import { BodyEditor } from './BodyEditor';
import { KeyValueTable } from './KeyValueTable';
import { type Draft, jsonProblem, METHODS, type Retry, toSend, withRows, withUrl } from './request-model';
import { ServiceHeaderTable } from './ServiceHeaderTable';

type Tab = 'params' | 'headers' | 'body' | 'options';

export interface ComposeProps {
  services: ServiceSummary[];
  serviceId: string;
  credentials: CredentialView[];
  credentialId: string;
  draft: Draft;
  /** The chosen service's default headers (none without a service). */
  serviceHeaders: StoredDefaultHeader[];
  retry: Retry;
  busy: boolean;
  onService(id: string): void;
  onCredential(id: string): void;
  onDraft(d: Draft): void;
  onRetry(r: Retry): void;
  onSend(): void;
  onCancel(): void;
  onCopy(format: 'curl' | 'fetch', includeSecrets: boolean): void;
  onSave(name: string): void;
}

const SIGNS = new Set(['api-key', 'basic', 'digest', 'bearer', 'oauth2', 'jwt-signer', 'hmac', 'aws-sigv4']);

/** The recipe an HMAC or hash credential signs with, from its non-secret fields (the secret never comes here). */
function recipeOf(c: CredentialView | undefined): { preset: string; recipe: string; keyId: string } | null {
  if (c?.kind !== 'hmac') return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const preset = HMAC_PRESETS.find((x) => x === c.fields.preset);
  return {
    preset: preset ?? 'custom',
    recipe: effectiveRecipeText({ preset, recipe: text(c.fields.recipe) }),
    keyId: text(c.fields.keyId),
  };
}

export function ComposePanel(p: ComposeProps) {
  const [tab, setTab] = useState<Tab>('params');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [saveName, setSaveName] = useState('');
  const d = p.draft;
  const set = (patch: Partial<Draft>) => p.onDraft({ ...d, ...patch });
  const jsonBad = d.body.kind === 'json' && jsonProblem(d.body.text) !== null;
  const recipe = recipeOf(p.credentials.find((c) => c.id === p.credentialId));
  const count = (rows: Draft['query']) => rows.filter((r) => r.enabled && r.name !== '').length;
  const headerCount =
    count(d.headers) +
    serviceHeaderRows(p.serviceHeaders, d.headers, d.serviceHeaders).filter((r) => r.state === 'sent').length;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'params', label: `Params${count(d.query) ? ` (${count(d.query)})` : ''}` },
    { id: 'headers', label: `Headers${headerCount ? ` (${headerCount})` : ''}` },
    { id: 'body', label: `Body${d.body.kind !== 'none' ? ` · ${d.body.kind}` : ''}` },
    { id: 'options', label: 'Options' },
  ];

  return (
    <form
      className="card stack compose"
      aria-label="Compose request"
      onSubmit={(e) => {
        e.preventDefault();
        if (!p.busy && !jsonBad) p.onSend();
      }}
    >
      <div className="compose__pickers">
        <label className="field">
          <span className="field__label">Service</span>
          <select
            className="select"
            aria-label="Service"
            value={p.serviceId}
            onChange={(e) => p.onService(e.currentTarget.value)}
          >
            <option value="">No service (unsigned)</option>
            {p.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Credential</span>
          <select
            className="select"
            aria-label="Credential"
            value={p.credentialId}
            disabled={p.serviceId === ''}
            onChange={(e) => p.onCredential(e.currentTarget.value)}
          >
            <option value="">None (send unsigned)</option>
            {p.credentials.map((c) => (
              <option key={c.id} value={c.id} disabled={!SIGNS.has(c.kind)}>
                {c.name} · {KIND_LABELS[c.kind]}
                {SIGNS.has(c.kind) ? '' : ' (cannot sign)'}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="compose__line">
        <select
          className="select compose__method"
          aria-label="Method"
          value={d.method}
          onChange={(e) => set({ method: e.currentTarget.value })}
        >
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          className="input mono compose__url"
          aria-label="URL"
          placeholder="https://api.example.com/v1/items or /v1/items"
          spellCheck={false}
          value={d.url}
          onChange={(e) => p.onDraft(withUrl(d, e.currentTarget.value))}
        />
        {p.busy ? (
          <Button variant="danger" onClick={p.onCancel}>
            Cancel
          </Button>
        ) : (
          <Button variant="primary" type="submit" disabled={jsonBad || d.url.trim() === ''}>
            Send
          </Button>
        )}
      </div>

      <div className="req-tabs" role="tablist" aria-label="Request parts">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`req-tabs__tab${tab === t.id ? ' req-req-tabs__tab--on' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" aria-label={tabs.find((t) => t.id === tab)?.label}>
        {tab === 'params' ? (
          <KeyValueTable label="Query parameters" rows={d.query} onChange={(rows) => p.onDraft(withRows(d, rows))} />
        ) : null}
        {tab === 'headers' ? (
          <div className="stack">
            <ServiceHeaderTable
              defaults={p.serviceHeaders}
              own={d.headers}
              switches={d.serviceHeaders}
              onSwitches={(serviceHeaders) => set({ serviceHeaders })}
              onOverride={(row) => set({ headers: [...d.headers, row] })}
            />
            <KeyValueTable
              label="Headers"
              rows={d.headers}
              onChange={(headers) => set({ headers })}
              emptyText={
                p.serviceHeaders.length > 0
                  ? 'No headers of your own: one with the same name as a default replaces it.'
                  : undefined
              }
            />
          </div>
        ) : null}
        {tab === 'body' ? <BodyEditor body={d.body} onChange={(body) => set({ body })} /> : null}
        {tab === 'options' ? (
          <div className="compose__options">
            <label className="field">
              <span className="field__label">Timeout (seconds)</span>
              <input
                className="input"
                type="number"
                min={1}
                max={600}
                value={d.timeoutMs / 1000}
                aria-label="Timeout (seconds)"
                onChange={(e) => {
                  const v = Number(e.currentTarget.value);
                  if (Number.isFinite(v) && v >= 1 && v <= 600) set({ timeoutMs: Math.round(v * 1000) });
                }}
              />
            </label>
            <label className="field">
              <span className="field__label">Max attempts</span>
              <input
                className="input"
                type="number"
                min={1}
                max={10}
                value={p.retry.maxAttempts ?? 1}
                aria-label="Max attempts"
                onChange={(e) => {
                  const v = Number(e.currentTarget.value);
                  if (Number.isInteger(v) && v >= 1 && v <= 10) p.onRetry({ ...p.retry, maxAttempts: v });
                }}
              />
              <span className="field__hint">Retries 429, 503, other 5xx and connection errors; 1 = no retry.</span>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={d.followRedirects}
                onChange={(e) => set({ followRedirects: e.currentTarget.checked })}
              />
              Follow redirects
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={d.verifyTls}
                onChange={(e) => set({ verifyTls: e.currentTarget.checked })}
              />
              Verify TLS certificates
            </label>
            {!d.verifyTls ? (
              <p className="req-notice req-notice--warn" role="alert">
                TLS verification is off: anyone on the network path could read this request, credential included. Use it
                only for a local server with a self-signed certificate.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      {recipe !== null && p.serviceId !== '' ? (
        <RecipePreview serviceId={p.serviceId} {...recipe} request={toSend(d)} />
      ) : null}

      <div className="card-footer compose__footer">
        <Button size="small" onClick={() => p.onCopy('curl', includeSecrets)}>
          Copy as cURL
        </Button>
        <Button size="small" onClick={() => p.onCopy('fetch', includeSecrets)}>
          Copy as fetch
        </Button>
        <label className="check">
          <input
            type="checkbox"
            checked={includeSecrets}
            onChange={(e) => setIncludeSecrets(e.currentTarget.checked)}
          />
          Include secrets
        </label>
        <span className="spacer" />
        {/* The name and its button wrap together in a narrow window. */}
        <span className="compose__save">
          <input
            className="input compose__save-name"
            aria-label="Name to save as"
            placeholder="Name to save as"
            value={saveName}
            onChange={(e) => setSaveName(e.currentTarget.value)}
          />
          <Button
            size="small"
            disabled={saveName.trim() === ''}
            onClick={() => {
              p.onSave(saveName.trim());
              setSaveName('');
            }}
          >
            Save request
          </Button>
        </span>
      </div>
    </form>
  );
}
