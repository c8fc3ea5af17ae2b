import { useEffect, useState } from 'react';
import type { FlowLog, OAuthTokenInfo } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, Dialog } from '../../ui';
import { localTime } from './format';

/** The last flow's HTTP exchanges as main recorded them: secrets already redacted there. */
export function FlowLogDialog({ token, onClose }: { token: OAuthTokenInfo | null; onClose: () => void }) {
  const latch = useLatch();
  const [log, setLog] = useState<FlowLog | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    setLog(null);
    setOpen(null);
    if (!token) return;
    let live = true;
    const load = () =>
      void latch.oauth.log({ serviceId: token.serviceId, credentialId: token.credentialId }).then(
        (r) => live && setLog(r.log),
        () => undefined,
      );
    load();
    const off = latch.oauth.onChanged(load);
    return () => {
      live = false;
      off();
    };
  }, [latch, token]);
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
          <p className="oauth-log__summary">
            <strong>{log.flow}</strong> started {localTime(log.startedAt)} —{' '}
            <Badge tone={log.outcome === 'ok' ? 'ok' : log.outcome === 'running' ? 'info' : 'danger'}>
              {log.outcome}
            </Badge>
            {log.finishedAt !== null ? ` in ${log.finishedAt - log.startedAt} ms` : ''}
            {log.error ? <span className="oauth-row__error"> {log.error.message}</span> : null}
          </p>
          <table className="table oauth-log__table">
            <thead>
              <tr>
                <th>Method</th>
                <th>URL (redacted)</th>
                <th>Status</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((e, i) => (
                <tr key={i} className="oauth-log__entry" onClick={() => setOpen(open === i ? null : i)}>
                  <td className="mono">{e.method}</td>
                  <td className="mono oauth-log__url">
                    {e.url}
                    {open === i ? (
                      <pre className="oauth-log__detail">
                        {Object.entries(e.requestHeaders ?? {})
                          .map(([k, v]) => `${k}: ${v}`)
                          .join('\n')}
                        {e.requestBody ? `\n\n${e.requestBody}` : ''}
                      </pre>
                    ) : null}
                  </td>
                  <td>
                    {e.status === 0 ? (
                      <Badge tone="danger">{e.error ?? 'no answer'}</Badge>
                    ) : (
                      <Badge tone={e.status < 300 ? 'ok' : e.status < 400 ? 'info' : 'danger'}>{e.status}</Badge>
                    )}
                  </td>
                  <td className="mono">{e.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field__hint">Click a row for its request headers and body (secret values redacted).</p>
        </div>
      )}
    </Dialog>
  );
}
