import type { AuditReport } from '../model/audit-report';
import { CATEGORY_TITLES, STATUS_WORDS } from './report-words';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// Inline styles only: the file must open offline, print, and load nothing from anywhere.
const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .5rem;word-break:break-all}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #d0d7de}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{color:#57606a}dd{margin:0;word-break:break-all}
.score{font-size:2rem;font-weight:700}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #eaeef2}
th{font-size:.8rem;text-transform:uppercase;color:#57606a}code{font:12px ui-monospace,monospace;word-break:break-all}
.s{font-weight:700;font-size:.8rem;padding:.1rem .4rem;border-radius:3px;white-space:nowrap}
.pass{background:#dafbe1;color:#116329}.warn{background:#fff8c5;color:#7d4e00}.fail{background:#ffebe9;color:#a40e26}.skipped{background:#eaeef2;color:#57606a}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** A self-contained page: every value escaped, no script, no remote asset, a CSP that forbids both. */
export function reportToHtml(r: AuditReport): string {
  const s = r.summary;
  const sections = Object.entries(CATEGORY_TITLES)
    .map(([category, title]) => {
      const rows = r.checks.filter((c) => c.category === category);
      if (rows.length === 0) return '';
      const body = rows
        .map((c) => {
          const ev = Object.entries(c.evidence)
            .map(([k, v]) => `<div><code>${esc(k)}: ${esc(v)}</code></div>`)
            .join('');
          return `<tr><td><span class="s ${c.status}">${STATUS_WORDS[c.status]}</span></td><td>${esc(c.title)}</td><td>${esc(c.severity)}</td><td>${esc(c.finding)}</td><td>${esc(c.fix ?? '')}</td><td>${ev}</td></tr>`;
        })
        .join('\n');
      return `<h2>${esc(title)}</h2>\n<table><thead><tr><th>Result</th><th>Check</th><th>Severity</th><th>Finding</th><th>Fix</th><th>Evidence</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Latch API audit: ${esc(r.target)}</title><style>${STYLE}</style></head>
<body><h1>Latch API audit: ${esc(r.target)}</h1>
<p class="score">${s.score}/100</p>
<dl><dt>Target</dt><dd>${esc(r.target)}</dd><dt>Started</dt><dd>${esc(r.startedAt)} (${Math.round(r.durationMs)} ms, ${r.requestsSent} requests)</dd>
<dt>Latch version</dt><dd>${esc(r.latchVersion)}</dd><dt>Credential</dt><dd>${r.credential ? `${esc(r.credential.reference)} (${esc(r.credential.kind)})` : 'none'}</dd>
<dt>Summary</dt><dd>${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skipped} skipped</dd></dl>
${sections}
</body></html>
`;
}
