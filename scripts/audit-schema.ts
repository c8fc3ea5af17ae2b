// Writes docs/audit-report.schema.json from the zod schema: `npx tsx scripts/audit-schema.ts`.
// test/unit/audit/schema-doc.test.ts fails when the two differ.
import { writeFileSync } from 'node:fs';
import { auditReportJsonSchema } from '../main/core/audit/json-schema';

writeFileSync('docs/audit-report.schema.json', `${JSON.stringify(auditReportJsonSchema(), null, 2)}\n`);
