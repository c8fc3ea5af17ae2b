import type { HealthIssue } from '../../../../preload/contract';
import { Badge, type BadgeTone, Monogram } from '../../ui';
import { formatDate, relativeDays } from '../services/format';
import { KIND_LABELS } from '../services/kinds';

const TONE: Record<HealthIssue['kind'], BadgeTone> = {
  expired: 'danger',
  expiring: 'warn',
  'rotation-due': 'info',
  'token-expired': 'danger',
  'token-expiring': 'warn',
  reused: 'warn',
};

/** One kind of issue: a heading with a count and a row per credential, each a link to its service. */
export function HealthGroup({
  title,
  lede,
  kind,
  issues,
  onOpen,
}: {
  title: string;
  lede: string;
  kind: HealthIssue['kind'];
  issues: HealthIssue[];
  onOpen: (serviceId: string) => void;
}) {
  const id = `health-${kind}`;
  return (
    <section className="card health-group" aria-labelledby={id} data-testid={id}>
      <header className="hstack">
        <h2 className="section-title" id={id}>
          {title}
        </h2>
        <Badge tone={TONE[kind]}>{issues.length}</Badge>
        <span className="health-group__lede">{lede}</span>
      </header>
      <ul className="health-list">
        {issues.map((i) => (
          <li key={`${i.serviceId}-${i.credentialId}`}>
            <button type="button" className="health-row" onClick={() => onOpen(i.serviceId)}>
              <Monogram name={i.serviceName} />
              <span className="health-row__main">
                <span className="health-row__title">
                  {i.serviceName} <span className="health-row__sep">/</span> {i.credentialName}
                </span>
                <span className="health-row__sub">
                  {KIND_LABELS[i.credentialKind]}
                  {i.alsoIn.length > 0 ? ` · also in ${i.alsoIn.join(', ')}` : ''}
                </span>
              </span>
              {i.at !== null ? (
                <span className="health-row__when">
                  {Math.abs(i.at - Date.now()) > 60 * 86_400_000
                    ? formatDate(i.at)
                    : `${relativeDays(i.at)} (${formatDate(i.at)})`}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
