import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { check, reportToHtml, reportToMarkdown, summarise } from '../../../main/core/audit';
import { auditReportJsonSchema } from '../../../main/core/audit/json-schema';
import { scrubReport } from '../../../main/core/audit/scrub';
import { AUDIT_REPORT_SCHEMA, type AuditReport } from '../../../main/core/model/audit-report';

const hostile = '<img src=x onerror=alert(1)>|`pipe`\n# heading';
function report(): AuditReport {
  const checks = [
    check('headers.content-type', 'Content-Type', 'fail', 'high', `Labelled ${hostile}.`, 'Fix it.', {
      value: hostile,
    }),
    check('clock.skew', 'Server clock', 'pass', 'medium', 'Fine.'),
    check('cookies.secure', 'Secure cookies', 'warn', 'high', 'Hmm.'),
    check('rate-limit.probe', 'Rate limit', 'skipped', 'info', 'Off.'),
  ];
  return {
    schema: AUDIT_REPORT_SCHEMA,
    target: `https://api.example.com/${hostile}`,
    startedAt: '2026-12-01T14:00:00.000Z',
    durationMs: 12,
    latchVersion: '0.1.0',
    credential: null,
    requestsSent: 3,
    checks,
    summary: summarise(checks),
  };
}

describe('audit reports', () => {
  it('scores pass 1, warn ½, fail 0 over the checks that ran; 100 when none ran', () => {
    expect(report().summary).toEqual({ pass: 1, warn: 1, fail: 1, skipped: 1, score: 50 });
    expect(summarise([]).score).toBe(100);
  });

  it('HTML escapes every value a server controls and loads nothing', () => {
    const html = reportToHtml(report());
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain("default-src 'none'");
  });

  it('Markdown keeps one table row per check whatever the text holds, and no raw HTML', () => {
    const tokens = marked.lexer(reportToMarkdown(report()));
    const rows = tokens.filter((t): t is Tokens.Table => t.type === 'table').flatMap((t) => t.rows);
    expect(rows.length).toBe(4);
    expect(tokens.some((t) => t.type === 'html')).toBe(false);
    expect(rows[0]?.[3]?.text).toContain('&lt;img');
  });

  it('scrubs any echo of a secret from every field', () => {
    const r = report();
    r.checks[0]!.evidence.echo = 'Bearer sekrit-token-1';
    const clean = scrubReport(r, ['sekrit-token-1']);
    expect(JSON.stringify(clean)).not.toContain('sekrit-token-1');
    expect(clean.checks[0]?.evidence.echo).toBe('Bearer [redacted]');
  });

  it('docs/audit-report.schema.json is the schema the code writes (regenerate: npx tsx scripts/audit-schema.ts)', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/audit-report.schema.json'), 'utf8'));
    expect(doc).toEqual(auditReportJsonSchema());
  });
});
