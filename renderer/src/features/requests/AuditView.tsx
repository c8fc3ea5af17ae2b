import type { AuditView as Audit } from '../../../../preload/channels/requests';
import { Badge, type BadgeTone } from '../../ui';
import { formatMs } from './request-model';

const TONE: Record<Audit['findings'][number]['level'], BadgeTone> = {
  ok: 'ok',
  info: 'info',
  warn: 'warn',
  bad: 'danger',
};

function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString();
}

/** A reading of the response: transport, certificate, security headers, rate limits, auth challenges, clock skew. */
export function AuditView({ audit }: { audit: Audit }) {
  const c = audit.certificate;
  const rl = audit.rateLimit;
  /** HSTS over plain HTTP: browsers ignore it there, so neither present nor missing means anything. */
  const hstsMoot = (name: string) => name === 'Strict-Transport-Security' && !audit.https;
  const skew = audit.clockOffsetMs;
  return (
    <div className="audit stack">
      <section aria-label="Findings">
        <ul className="plain-list findings">
          {audit.findings.map((f, i) => (
            <li key={i} className={`finding finding--${f.level}`}>
              <Badge tone={TONE[f.level]}>{f.level}</Badge>
              <span>{f.text}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="audit__grid">
        <div className="audit__card">
          <h3 className="audit__title">Transport</h3>
          <dl className="kv">
            <dt>HTTPS</dt>
            <dd className="kv__prose">{audit.https ? 'Yes' : 'No: plain HTTP, readable on the network'}</dd>
            {c ? (
              <>
                <dt>Certificate</dt>
                <dd>{c.subject}</dd>
                <dt>Issuer</dt>
                <dd>{c.issuer}</dd>
                <dt>Expires</dt>
                <dd className="kv__prose">
                  {c.validTo} ({c.expired ? 'expired' : `${c.daysLeft} days left`})
                </dd>
                <dt>Trusted</dt>
                <dd className="kv__prose">{c.trusted ? 'Yes' : `No${c.trustError ? `: ${c.trustError}` : ''}`}</dd>
                <dt>Protocol</dt>
                <dd>{c.protocol ?? '—'}</dd>
              </>
            ) : null}
          </dl>
        </div>

        <div className="audit__card">
          <h3 className="audit__title">Clock</h3>
          <dl className="kv kv--stacked">
            <dt>Server Date</dt>
            <dd className="kv__prose">{when(audit.serverDate)}</dd>
            <dt>Offset</dt>
            <dd className="kv__prose">
              {skew === null ? (
                'The server sent no Date header'
              ) : (
                <>
                  {Math.abs(skew) < 1000
                    ? 'in step with this computer'
                    : `server is ${formatMs(Math.abs(skew))} ${skew > 0 ? 'ahead' : 'behind'}`}{' '}
                  {Math.abs(skew) > 30_000 ? <Badge tone="warn">skew</Badge> : null}
                </>
              )}
            </dd>
          </dl>
        </div>

        <div className="audit__card">
          <h3 className="audit__title">Rate limit</h3>
          {rl ? (
            <dl className="kv">
              <dt>Limit</dt>
              <dd>{rl.limit ?? '—'}</dd>
              <dt>Remaining</dt>
              <dd>{rl.remaining ?? '—'}</dd>
              <dt>Resets</dt>
              <dd className="kv__prose">{when(rl.resetAt)}</dd>
              {rl.retryAfterMs !== null ? (
                <>
                  <dt>Retry after</dt>
                  <dd>{formatMs(rl.retryAfterMs)}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p className="muted">No rate-limit headers.</p>
          )}
          {rl ? <p className="audit__source">From {rl.sources.join(', ')}</p> : null}
        </div>
      </section>

      <section className="audit__card">
        <h3 className="audit__title">Security headers</h3>
        <table className="table">
          <tbody>
            {audit.securityHeaders.map((h) => (
              <tr key={h.name}>
                <td>
                  {hstsMoot(h.name) ? (
                    <Badge>n/a</Badge>
                  ) : (
                    <Badge tone={h.present ? 'ok' : 'warn'}>{h.present ? 'present' : 'missing'}</Badge>
                  )}
                </td>
                <td className="mono nowrap">{h.name}</td>
                <td>
                  {h.present ? (
                    <span className="mono">{h.value}</span>
                  ) : (
                    <span className="muted">
                      {hstsMoot(h.name) ? 'Only counts over HTTPS; this address is http.' : h.note}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {audit.challenges.length > 0 ? (
        <section className="audit__card">
          <h3 className="audit__title">WWW-Authenticate</h3>
          <ul className="plain-list challenges">
            {audit.challenges.map((ch, i) => (
              <li key={i}>
                <Badge tone="info">{ch.scheme}</Badge>{' '}
                <span className="mono">
                  {Object.entries(ch.params)
                    .map(([k, v]) => `${k}="${v}"`)
                    .join(', ')}
                </span>
                <p>{ch.explanation}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
