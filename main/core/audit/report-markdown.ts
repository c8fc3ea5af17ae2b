import type { AuditCheck, AuditReport } from '../model/audit-report';
import { CATEGORY_TITLES, STATUS_WORDS } from './report-words';

/** Markdown table cells: pipes, backslashes and line breaks would break the table; HTML-ish text is neutralised. */
const cell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\r?\n/g, ' ');

function evidence(c: AuditCheck): string {
  const e = Object.entries(c.evidence);
  return e.length === 0 ? '' : e.map(([k, v]) => `${k}: \`${v.replace(/`/g, "'")}\``).join('; ');
}

export function reportToMarkdown(r: AuditReport): string {
  const s = r.summary;
  const lines = [
    `# Latch API audit: ${cell(r.target)}`,
    '',
    `- Target: ${cell(r.target)}`,
    `- Started: ${r.startedAt} (${Math.round(r.durationMs)} ms, ${r.requestsSent} requests)`,
    `- Latch version: ${cell(r.latchVersion)}`,
    `- Credential: ${r.credential ? `${cell(r.credential.reference)} (${r.credential.kind})` : 'none'}`,
    `- Score: **${s.score}/100** (${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skipped} skipped)`,
    '',
  ];
  for (const [category, title] of Object.entries(CATEGORY_TITLES)) {
    const rows = r.checks.filter((c) => c.category === category);
    if (rows.length === 0) continue;
    lines.push(
      `## ${title}`,
      '',
      '| Result | Check | Severity | Finding | Fix | Evidence |',
      '|---|---|---|---|---|---|',
    );
    for (const c of rows)
      lines.push(
        `| ${STATUS_WORDS[c.status]} | ${cell(c.title)} | ${c.severity} | ${cell(c.finding)} | ${cell(c.fix ?? '')} | ${cell(evidence(c))} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
