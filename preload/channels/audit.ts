import { z } from 'zod';
import { AuditReport, ReportFormat, SavedAuditSummary } from '../../main/core/model/audit-report';
import { channel } from '../define';

const Id = z.string().min(1).max(64);

export const auditChannels = {
  /**
   * Runs the audit in main (never in the page) and keeps the report with the service when one is
   * given. The credential is named by id; its secret never crosses the bridge. It sends the
   * credential, so it is a gesture channel (a script alone cannot start it), and main takes the
   * request tester's host decision: to a host the credential is not bound to it answers
   * ERR_HOST_NOT_ALLOWED until the user says yes in the host prompt (`requests.approveHost`).
   */
  'audit.run': channel({
    input: z
      .object({
        url: z.string().min(1).max(8192),
        serviceId: Id.optional(),
        credentialId: Id.optional(),
        maxRequests: z.number().int().min(1).max(1000).default(20),
        rateProbe: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ report: AuditReport, savedId: z.string().nullable() }),
    gesture: true,
  }),
  'audit.reports': channel({
    input: z.object({ serviceId: Id }).strict(),
    output: z.array(SavedAuditSummary),
  }),
  'audit.report': channel({
    input: z.object({ serviceId: Id, id: Id }).strict(),
    output: AuditReport,
  }),
  /** The file is rendered in main from the stored report: the page only names the report and the format. */
  'audit.export': channel({
    input: z.object({ serviceId: Id, id: Id, format: ReportFormat }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  }),
  'audit.deleteReport': channel({
    input: z.object({ serviceId: Id, id: Id }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
