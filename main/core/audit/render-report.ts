import type { AuditReport, ReportFormat } from '../model/audit-report';
import { reportToHtml } from './report-html';
import { reportToMarkdown } from './report-markdown';

export function renderReport(report: AuditReport, format: ReportFormat): string {
  if (format === 'md') return reportToMarkdown(report);
  if (format === 'html') return reportToHtml(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
