import { z } from 'zod';

/**
 * The audit report, version 1: what `latch audit --json` prints, what `--report FILE.json`
 * writes and what the vault keeps. docs/audit-report.schema.json is generated from this
 * schema (a test keeps the two equal); a change that is not purely additive bumps `schema`.
 */
export const AUDIT_REPORT_SCHEMA = 'latch.audit-report/1';

export const AUDIT_CATEGORIES = ['transport', 'authentication', 'headers', 'cookies', 'rate-limit', 'clock'] as const;
export const AuditCategory = z.enum(AUDIT_CATEGORIES);
export type AuditCategory = z.infer<typeof AuditCategory>;

/** pass: fine; warn: worth fixing; fail: a real weakness (exit non-zero); skipped: does not apply here. */
export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'skipped']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Severity = z.enum(['high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;

export const AuditCheck = z.object({
  /** Stable identifier, e.g. "transport.certificate-trusted"; tools key on it. */
  id: z.string().regex(/^[a-z-]+\.[a-z0-9-]+$/),
  category: AuditCategory,
  title: z.string(),
  status: CheckStatus,
  severity: Severity,
  /** One plain sentence: what was found. */
  finding: z.string(),
  /** What to do about it; null when nothing needs doing. */
  fix: z.string().nullable(),
  /** What was seen, redacted: header values, certificate fields, counts. Never a secret. */
  evidence: z.record(z.string(), z.string()),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const AuditSummary = z.object({
  pass: z.number().int().min(0),
  warn: z.number().int().min(0),
  fail: z.number().int().min(0),
  skipped: z.number().int().min(0),
  /** 0 to 100: (pass + warn / 2) / (pass + warn + fail), rounded; 100 when nothing was checked. */
  score: z.number().int().min(0).max(100),
});
export type AuditSummary = z.infer<typeof AuditSummary>;

export const AuditReport = z.object({
  schema: z.literal(AUDIT_REPORT_SCHEMA),
  /** The audited URL, with any credential in its query redacted. */
  target: z.string(),
  /** ISO 8601, UTC, when the audit started. */
  startedAt: z.string(),
  durationMs: z.number().min(0),
  latchVersion: z.string(),
  /** The credential used, by reference and kind only; null for an audit without one. */
  credential: z.object({ reference: z.string(), kind: z.string() }).nullable(),
  /** How many requests the audit sent to the target, rate probe included. */
  requestsSent: z.number().int().min(0),
  checks: z.array(AuditCheck),
  summary: AuditSummary,
});
export type AuditReport = z.infer<typeof AuditReport>;

/** A saved report as the service page lists it (the report itself is read on demand). */
export const SavedAuditSummary = z.object({
  id: z.string(),
  target: z.string(),
  startedAt: z.string(),
  summary: AuditSummary,
});
export type SavedAuditSummary = z.infer<typeof SavedAuditSummary>;

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;
