import { useState } from 'react';
import type { AttemptView, ResponseView } from '../../../../preload/channels/requests';
import { Badge, DetailTip } from '../../ui';
import { AuditView } from './AuditView';
import { ResponseBody } from './ResponseBody';
import { formatBytes, formatMs, statusTone } from './request-model';
import { TimelineView } from './TimelineView';

type Tab = 'body' | 'headers' | 'cookies' | 'sent' | 'timeline' | 'audit';

export interface Outcome {
  response: ResponseView | null;
  error: { code: string; message: string } | null;
  attempts: AttemptView[];
  busy: boolean;
}

function HeaderTable({ headers, label }: { headers: { name: string; value: string }[]; label: string }) {
  return (
    <table className="table" aria-label={label}>
      <tbody>
        {headers.map((h, i) => (
          <tr key={i}>
            <th className="mono" scope="row">
              {h.name}
            </th>
            <td className="mono">{h.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The phases that happened: a reused connection has no connect, plain HTTP no TLS. */
function phases(t: ResponseView['timing'] | undefined): string {
  if (!t) return '';
  const parts = [
    t.dnsMs !== null ? `DNS ${formatMs(t.dnsMs)}` : null,
    t.connectMs !== null ? `connect ${formatMs(t.connectMs)}` : null,
    t.tlsMs !== null ? `TLS ${formatMs(t.tlsMs)}` : null,
    `first byte ${formatMs(t.firstByteMs)}`,
    t.reusedConnection ? 'reused connection' : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function ResponsePanel({ outcome }: { outcome: Outcome }) {
  const [tab, setTab] = useState<Tab>('body');
  const { response: r, error, attempts, busy } = outcome;
  if (!r && !error && !busy) {
    return (
      <section className="card response response--empty" aria-label="Response">
        <p className="muted">Send a request to see the response here.</p>
      </section>
    );
  }
  const shownAttempts = busy || !r ? attempts : r.attempts;
  const tabs: { id: Tab; label: string }[] = r
    ? [
        { id: 'body', label: 'Body' },
        { id: 'headers', label: `Headers (${r.headers.length})` },
        { id: 'cookies', label: `Cookies (${r.cookies.length})` },
        { id: 'sent', label: 'Sent' },
        { id: 'timeline', label: `Timeline (${r.attempts.length})` },
        { id: 'audit', label: 'Audit' },
      ]
    : [{ id: 'timeline', label: `Timeline (${attempts.length})` }];
  const current = r && !busy ? tab : 'timeline';
  const t = r?.timing;

  return (
    <section className="card response" aria-label="Response" aria-busy={busy}>
      <div className="response__summary">
        {busy ? <Badge tone="info">Sending…</Badge> : null}
        {!busy && r ? (
          <>
            <span data-testid="response-status">
              <Badge tone={statusTone(r.status)}>
                {r.status} {r.statusText}
              </Badge>
            </span>
            <span className="response__metric">
              <strong>{formatMs(t?.totalMs ?? null)}</strong>
              <span className="muted"> total{t ? ` (${phases(t)})` : ''}</span>
            </span>
            <span className="response__metric">
              <strong>{formatBytes(r.size.bodyBytes)}</strong>
              <span className="muted"> body</span>
              {r.size.wireBodyBytes !== r.size.bodyBytes ? (
                <span className="muted"> ({formatBytes(r.size.wireBodyBytes)} on the wire)</span>
              ) : null}
            </span>
            {r.redirects.length > 0 ? <Badge tone="info">{r.redirects.length} redirect(s)</Badge> : null}
            {r.masked > 0 ? (
              <DetailTip
                testId="masked-note"
                detail="The server sent back a secret of this request; it is shown as [redacted] in the body, headers and timeline."
              >
                <Badge tone="warn">Echoed secret masked ({r.masked})</Badge>
              </DetailTip>
            ) : null}
          </>
        ) : null}
        {!busy && error ? (
          <div className="req-notice req-notice--bad" role="alert">
            {/* The message says what went wrong and what to do; a code like ERR_BAD_INPUT means nothing to the reader. */}
            {error.message}
          </div>
        ) : null}
      </div>

      <div className="req-tabs" role="tablist" aria-label="Response parts">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={current === x.id}
            className={`req-tabs__tab${current === x.id ? ' req-req-tabs__tab--on' : ''}`}
            onClick={() => setTab(x.id)}
          >
            {x.label}
          </button>
        ))}
      </div>

      <div className="response__panel" role="tabpanel">
        {current === 'timeline' ? (
          <TimelineView attempts={shownAttempts} live={busy} note={r && !busy ? r.retryNote : null} />
        ) : null}
        {r && current === 'body' ? <ResponseBody response={r} /> : null}
        {r && current === 'headers' ? (
          <div className="stack">
            <p className="mono muted">
              HTTP/{r.httpVersion} {r.status} {r.statusText} · {r.url}
            </p>
            <HeaderTable headers={r.headers} label="Response headers" />
            {r.redirects.length > 0 ? (
              <>
                <h3 className="audit__title">Redirects</h3>
                <ol className="redirects">
                  {r.redirects.map((h, i) => (
                    <li key={i} className="mono">
                      {h.status} {h.method} {h.url} → {h.location}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </div>
        ) : null}
        {r && current === 'cookies' ? (
          r.cookies.length === 0 ? (
            <p className="muted">The response set no cookies.</p>
          ) : (
            <table className="table" aria-label="Cookies">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Value</th>
                  <th>Domain / path</th>
                  <th>Expires</th>
                  <th>Flags</th>
                </tr>
              </thead>
              <tbody>
                {r.cookies.map((c, i) => (
                  <tr key={i}>
                    <td className="mono">{c.name}</td>
                    <td className="mono">{c.value}</td>
                    <td className="mono">
                      {c.domain ?? '(host)'}
                      {c.path ?? ''}
                    </td>
                    <td>
                      {c.expires !== undefined
                        ? new Date(c.expires).toLocaleString()
                        : c.maxAge !== undefined
                          ? `max-age ${c.maxAge}`
                          : 'session'}
                    </td>
                    <td>
                      {[c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${c.sameSite}`]
                        .filter(Boolean)
                        .join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : null}
        {r && current === 'sent' ? (
          <div className="stack">
            <p className="muted">
              What went out on the final hop, with the credential's secrets replaced by [redacted].
            </p>
            <pre className="code-block req-code" data-testid="sent-request">
              {r.sentRedacted.requestLine}
              {'\n'}
              {r.sentRedacted.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}
              {r.sentRedacted.body.kind === 'text' ? `\n\n${r.sentRedacted.body.text}` : ''}
              {r.sentRedacted.body.kind === 'base64' ? `\n\n(${r.sentRedacted.bodyBytes} bytes of binary body)` : ''}
            </pre>
          </div>
        ) : null}
        {r && current === 'audit' ? <AuditView audit={r.audit} /> : null}
      </div>
    </section>
  );
}
