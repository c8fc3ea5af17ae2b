import { useEffect, useState } from 'react';
import type { AppRoute, HealthIssue } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { EmptyState, ReadFailed } from '../../ui';
import { errorOf } from '../services/bridge-error';
import { requestOpenService } from '../services/open-service';
import { HealthGroup } from './HealthGroup';
import './health.css';
import { ROUTE_NAMES } from '../../app/route-names';

type IssueKind = HealthIssue['kind'];

const GROUPS: { kind: IssueKind; title: string; lede: string }[] = [
  { kind: 'expired', title: 'Expired', lede: 'Past their expiry date: replace them.' },
  { kind: 'expiring', title: 'Expiring within 7 days', lede: 'Renew these before they stop working.' },
  { kind: 'rotation-due', title: 'Rotation due', lede: 'Older than the rotation period you set.' },
  { kind: 'token-expired', title: 'Access tokens expired', lede: 'Sign in again or refresh.' },
  { kind: 'token-expiring', title: 'Access tokens expiring', lede: 'They will need a refresh soon.' },
  { kind: 'reused', title: 'Same secret in several services', lede: 'One leak would open all of them.' },
];

/** Everything that needs attention, grouped; each row opens its service. */
export function HealthPage({ nav }: { nav: (route: AppRoute) => void }) {
  const latch = useLatch();
  const [issues, setIssues] = useState<HealthIssue[] | null>(null);
  // A failed check is said as such: shown as no issues, it read "All credentials look healthy".
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const load = () =>
      latch.services.health({}).then(
        (list) => {
          if (!live) return;
          setIssues(list);
          setFailed(null);
        },
        (e: unknown) => {
          if (!live) return;
          setIssues(null);
          setFailed(errorOf(e).message);
        },
      );
    void load();
    const off = latch.services.onChanged(() => void load());
    return () => {
      live = false;
      off();
    };
  }, [latch, attempt]);

  const open = (serviceId: string) => {
    requestOpenService(serviceId);
    nav('services');
  };

  return (
    <section className="page" aria-labelledby="health-title">
      <header className="page__header">
        <h1 className="page__title" id="health-title">
          {ROUTE_NAMES.health}
        </h1>
      </header>
      {failed !== null ? (
        <ReadFailed title="The health check did not run" message={failed} onRetry={() => setAttempt((n) => n + 1)}>
          Nothing was checked, so this says nothing about your credentials.
        </ReadFailed>
      ) : issues === null ? null : issues.length === 0 ? (
        <EmptyState glyph="check" title="All credentials look healthy">
          Nothing expired or expiring, no rotation due, and no secret used in two places.
        </EmptyState>
      ) : (
        GROUPS.map((g) => {
          const rows = issues.filter((i) => i.kind === g.kind);
          return rows.length === 0 ? null : (
            <HealthGroup key={g.kind} title={g.title} lede={g.lede} kind={g.kind} issues={rows} onOpen={open} />
          );
        })
      )}
    </section>
  );
}
