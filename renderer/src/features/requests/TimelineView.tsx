import type { AttemptView } from '../../../../preload/channels/requests';
import { Badge } from '../../ui';
import { formatMs, statusTone } from './request-model';

/** Each attempt as it happened: why it was made, how long it waited first, what came of it. */
export function TimelineView({
  attempts,
  live,
  note,
}: {
  attempts: AttemptView[];
  live: boolean;
  note: string | null;
}) {
  if (attempts.length === 0)
    return <p className="muted">{live ? 'Waiting for the first attempt…' : 'No attempts recorded.'}</p>;
  return (
    <div className="stack">
      <ol className="plain-list timeline" aria-label="Attempts">
        {attempts.map((a) => {
          const ok = typeof a.outcome === 'number';
          return (
            <li className="timeline__item" key={a.attempt} data-testid="timeline-attempt">
              <span className={`dot timeline__dot dot--${ok ? statusTone(a.outcome as number) : 'danger'}`} />
              <div className="timeline__body">
                <div className="hstack">
                  <strong>Attempt {a.attempt}</strong>
                  <Badge tone={ok ? statusTone(a.outcome as number) : 'danger'}>{String(a.outcome)}</Badge>
                  <span className="muted">{formatMs(a.durationMs)}</span>
                </div>
                <div className="timeline__meta">
                  {a.waitMsBefore > 0 ? <span>waited {formatMs(a.waitMsBefore)} before · </span> : null}
                  <span>{a.reason}</span>
                  <span className="muted"> · {new Date(a.startedAt).toLocaleTimeString()}</span>
                </div>
              </div>
            </li>
          );
        })}
        {live ? (
          <li className="timeline__item timeline__item--pending">
            <span className="dot timeline__dot" />
            <div className="timeline__body muted">In flight…</div>
          </li>
        ) : null}
      </ol>
      {note ? <p className="req-notice req-notice--info">{note}</p> : null}
    </div>
  );
}
