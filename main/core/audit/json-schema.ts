import { z } from 'zod';
import { AUDIT_REPORT_SCHEMA, AuditReport } from '../model/audit-report';

/** The JSON Schema (draft 2020-12) published as docs/audit-report.schema.json. */
export function auditReportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://latch.dev/schemas/${AUDIT_REPORT_SCHEMA}.json`,
    title: 'Latch API audit report',
    ...z.toJSONSchema(AuditReport),
  };
}
