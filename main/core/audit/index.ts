export { check, skipped, summarise } from './check';
export { renderReport } from './render-report';
export { reportToHtml } from './report-html';
export { reportToMarkdown } from './report-markdown';
export { AUDIT_REPORT_LIMIT, AUDIT_REPORT_MAX_BYTES, AuditReports } from './report-store';
export { type AuditDeps, type AuditOptions, DEFAULT_MAX_REQUESTS, redactTarget, runAudit } from './run-audit';
export { probeTls, type TlsFacts, type TlsProbe } from './tls-probe';
