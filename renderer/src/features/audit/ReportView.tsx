import type { AuditCheck, AuditReport } from '../../../../preload/contract';
import { Badge, type BadgeTone, Table } from '../../ui';

const TONE: Record<AuditCheck['status'], BadgeTone> = { pass: 'ok', warn: 'warn', fail: 'danger', skipped: 'info' };
const CATEGORIES: [AuditCheck['category'], string][] = [
  ['transport', 'Transport'],
  ['authentication', 'Authentication'],
  ['headers', 'Headers'],
  ['cookies', 'Cookies'],
  ['rate-limit', 'Rate limiting'],
  ['clock', 'Clock'],
];

/** A report as main produced it: every check with its result, finding, fix and redacted evidence. */
export function ReportView({ report }: { report: AuditReport }) {
  const s = report.summary;
  return (
    <div className="audit-report stack">
      <p className="audit-report__summary">
        <strong className="audit-report__score">{s.score}/100</strong> {s.pass} pass, {s.warn} warn, {s.fail} fail,{' '}
        {s.skipped} skipped · {report.requestsSent} requests · {new Date(report.startedAt).toLocaleString()}
      </p>
      {CATEGORIES.map(([category, title]) => {
        const rows = report.checks.filter((c) => c.category === category);
        if (rows.length === 0) return null;
        return (
          <section key={category} aria-label={title}>
            <h3 className="section-title">{title}</h3>
            <Table className="audit-report__table" columns={['Result', 'Check', 'Finding', 'Fix']}>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Badge tone={TONE[c.status]}>{c.status}</Badge>
                  </td>
                  <td>{c.title}</td>
                  <td>
                    {c.finding}
                    {Object.keys(c.evidence).length > 0 ? (
                      <details>
                        <summary>Evidence</summary>
                        <dl className="kv">
                          {Object.entries(c.evidence).map(([k, v]) => (
                            <div key={k}>
                              <dt>{k}</dt>
                              <dd className="mono">{v}</dd>
                            </div>
                          ))}
                        </dl>
                      </details>
                    ) : null}
                  </td>
                  <td>{c.status === 'pass' || c.status === 'skipped' ? '' : (c.fix ?? '')}</td>
                </tr>
              ))}
            </Table>
          </section>
        );
      })}
    </div>
  );
}
