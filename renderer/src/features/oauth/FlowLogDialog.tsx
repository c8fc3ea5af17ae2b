import { useEffect, useState } from 'react';
import type { FlowLog, FlowLogEntry, OAuthTokenInfo } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, type BadgeTone, Button, Dialog } from '../../ui';
import { formatMs } from '../requests/request-model';
import { localTime } from './format';
import { LogUrl } from './LogUrl';

const FLOW_TONE: Record<FlowLog['outcome'], BadgeTone> = {
  ok: 'ok',
  running: 'info',
  failed: 'danger',
  cancelled: 'neutral',
};

/** "400 invalid_grant", "200 · error slow_down", "ECONNREFUSED": what the server (or the network) said. */
function answerText(e: FlowLogEntry): string {
  if (e.status === 0) return e.error ?? 'no answer';
  return e.oauthError ? `${e.status} ${e.oauthError}` : String(e.status);
}

function EntryDetail({ e }: { e: FlowLogEntry }) {
  const request = [
    ...Object.entries(e.requestHeaders ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...(e.requestBody ? ['', e.requestBody] : []),
  ].join('\n');
  return (
    <div className="oauth-log__detail">
      <div className="oauth-log__detail-title">Request</div>
      <pre data-testid="oauth-log-request">{request || '(no headers or body recorded)'}</pre>
      <div className="oauth-log__detail-title">Response</div>
      <pre data-testid="oauth-log-response">{e.responseBody ?? '(no body)'}</pre>
    </div>
  );
}

/** The last flows' HTTP exchanges as main recorded them: secrets already masked there. */
export function FlowLogDialog({ token, onClose }: { token: OAuthTokenInfo | null; onClose: () => void }) {
  const latch = useLatch();
  const [logs, setLogs] = useState<FlowLog[]>([]);
  const [chosen, setChosen] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    setLogs([]);
    setChosen(0);
    setOpen(null);
    if (!token) return;
    let live = true;
    const load = () =>
      void latch.oauth.log({ serviceId: token.serviceId, credentialId: token.credentialId }).then(
        (r) => live && setLogs(r.logs),
        () => undefined,
      );
    load();
    const off = latch.oauth.onChanged(load);
    return () => {
      live = false;
      off();
    };
  }, [latch, token]);
  const log = logs[Math.min(chosen, logs.length - 1)] ?? null;
  return (
    <Dialog
      open={token !== null}
      title={token ? `Request log: ${token.serviceName} / ${token.name}` : 'Request log'}
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {log === null ? (
        <p className="page__lede">No flow has run for this credential since Latch started.</p>
      ) : (
        <div className="oauth-log">
          <div className="field">
            <label className="field__label" htmlFor="oauth-log-flow">
              Flow ({logs.length} kept, newest first)
            </label>
            <div className="field__control">
              <select
                id="oauth-log-flow"
                value={Math.min(chosen, logs.length - 1)}
                onChange={(e) => {
                  setChosen(Number(e.currentTarget.value));
                  setOpen(null);
                }}
              >
                {logs.map((l, i) => (
                  <option key={`${l.startedAt}-${i}`} value={i}>
                    {l.flow} · {localTime(l.startedAt)} · {l.outcome}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="oauth-log__summary">
            <strong>{log.flow}</strong> started {localTime(log.startedAt)}{' '}
            <Badge tone={FLOW_TONE[log.outcome]}>{log.outcome}</Badge>
            {log.finishedAt !== null ? ` in ${formatMs(log.finishedAt - log.startedAt)}` : ''}
            {log.error ? <span className="oauth-row__error"> {log.error.message}</span> : null}
          </p>
          <table className="table oauth-log__table">
            <thead>
              <tr>
                <th>Method</th>
                <th>URL (secrets masked)</th>
                <th>Answer</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.flatMap((e, i) => [
                <tr key={`${e.at}-${i}`} className="oauth-log__entry" data-testid="oauth-log-entry">
                  <td>
                    <Button
                      size="small"
                      variant="ghost"
                      className="mono"
                      aria-expanded={open === i}
                      aria-label={`${e.method} ${e.url}: ${open === i ? 'hide' : 'show'} request and response`}
                      onClick={() => setOpen(open === i ? null : i)}
                    >
                      {e.method}
                    </Button>
                  </td>
                  <td className="oauth-log__url">
                    <LogUrl url={e.url} />
                  </td>
                  <td>
                    <Badge tone={e.outcome === 'ok' ? 'ok' : 'danger'}>
                      <span data-testid="oauth-log-answer">{answerText(e)}</span>
                    </Badge>
                  </td>
                  <td className="mono oauth-log__time" data-testid="oauth-log-time">
                    {e.status === 0 && e.durationMs === 0 ? '—' : formatMs(e.durationMs)}
                  </td>
                </tr>,
                open === i ? (
                  <tr key={`${e.at}-${i}-detail`} className="oauth-log__detail-row">
                    <td colSpan={4}>
                      <EntryDetail e={e} />
                    </td>
                  </tr>
                ) : null,
              ])}
            </tbody>
          </table>
          <p className="field__hint">
            Open a request by its method for its headers, body and the server's answer (tokens, secrets and codes
            masked).
          </p>
        </div>
      )}
    </Dialog>
  );
}
