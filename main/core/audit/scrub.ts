import { REDACTED } from '../http/redact';
import { AuditReport } from '../model/audit-report';

/**
 * Replaces any echo of the credential's secrets (a server reflecting a header, a token in a
 * challenge) with [redacted], everywhere in the report, as a last line of defence.
 */
export function scrubReport(report: AuditReport, secrets: readonly string[]): AuditReport {
  if (secrets.length === 0) return report;
  const scrub = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join(REDACTED), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k), walk(x)]));
    return v;
  };
  return AuditReport.parse(walk(report));
}
