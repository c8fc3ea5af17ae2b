import type { AuditCategory, AuditCheck, AuditSummary, CheckStatus, Severity } from '../model/audit-report';

/** A check as its module states it; the category comes from the id's first part. */
export function check(
  id: `${AuditCategory}.${string}`,
  title: string,
  status: CheckStatus,
  severity: Severity,
  finding: string,
  fix: string | null = null,
  evidence: Record<string, string | number | boolean | null | undefined> = {},
): AuditCheck {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(evidence)) if (v !== undefined && v !== null) kept[k] = String(v);
  return {
    id,
    category: id.slice(0, id.indexOf('.')) as AuditCategory,
    title,
    status,
    severity,
    finding,
    fix,
    evidence: kept,
  };
}

export const skipped = (id: `${AuditCategory}.${string}`, title: string, why: string): AuditCheck =>
  check(id, title, 'skipped', 'info', why);

export function summarise(checks: readonly AuditCheck[]): AuditSummary {
  const n = { pass: 0, warn: 0, fail: 0, skipped: 0 };
  for (const c of checks) n[c.status]++;
  const counted = n.pass + n.warn + n.fail;
  return { ...n, score: counted === 0 ? 100 : Math.round((100 * (n.pass + n.warn / 2)) / counted) };
}
