import { extname } from 'node:path';
import { cliAudit } from '../../app/cli-audit';
import { openCliSession } from '../../app/cli-session';
import { DEFAULT_MAX_REQUESTS, renderReport } from '../../core/audit';
import { REPORT_FORMATS, type ReportFormat } from '../../core/model/audit-report';
import { systemClock } from '../../core/platform';
import { allowedHosts, allowHostOption } from '../allow-host';
import { EXIT } from '../exit-codes';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { unlockVault } from '../unlock';
import { writeReportFile } from '../write-report-file';

function formatOf(file: string): ReportFormat {
  const ext = extname(file).slice(1).toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(ext))
    throw usageError(`--report needs a file ending in .md, .html or .json (got "${file.slice(-40)}").`);
  return ext as ReportFormat;
}

function wholeNumber(raw: unknown, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw usageError(`${name} takes a whole number from ${min} to ${max}.`);
  return n;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  usage:
    'latch audit URL [--credential REF] [--allow-host HOST]... [--report FILE.{md,html,json}]... [--max-requests N] [--rate-probe] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    credential: {
      type: 'string',
      help: 'the credential to audit with (latch://SERVICE/CREDENTIAL); the report is kept with the service',
    },
    'allow-host': allowHostOption,
    report: {
      type: 'string',
      multiple: true,
      help: 'write the report to FILE; the format follows the extension (.md, .html, .json)',
    },
    'max-requests': { type: 'string', help: `most requests the audit may send (default ${DEFAULT_MAX_REQUESTS})` },
    'rate-probe': { type: 'boolean', help: 'probe the rate limit: steady requests until the first 429 or the budget' },
    'rate-probe-seconds': { type: 'string', help: 'time limit of the rate probe (default 30)' },
  },
  async run(ctx) {
    const [url] = ctx.positionals as [string];
    const files = (Array.isArray(ctx.values.report) ? (ctx.values.report as string[]) : []).map((f) => ({
      file: f,
      format: formatOf(f),
    }));
    const maxRequests = wholeNumber(ctx.values['max-requests'], '--max-requests', 1, 1000, DEFAULT_MAX_REQUESTS);
    const probeSeconds = wholeNumber(ctx.values['rate-probe-seconds'], '--rate-probe-seconds', 1, 600, 30);
    const reference = typeof ctx.values.credential === 'string' ? ctx.values.credential : null;
    const allowHosts = allowedHosts(ctx.values['allow-host']);

    const vault = reference ? await unlockVault(ctx) : null;
    try {
      // The app's audit on this command's session: the token comes fresh through AccessTokens.
      const session = vault ? openCliSession(vault, systemClock) : null;
      const audit = cliAudit(session, systemClock, allowHosts);
      const located = session && reference ? await session.credentials.resolve(reference) : null;
      const target = located ? { serviceId: located.serviceId, credentialId: located.credential.id } : {};
      const report = await audit.check({
        url,
        ...target,
        maxRequests,
        rateProbe: ctx.values['rate-probe'] === true,
        rateProbeTimeLimitMs: probeSeconds * 1000,
      });
      for (const f of files) await writeReportFile(f.file, renderReport(report, f.format));
      if (located) {
        // The files and the output hold the report; a vault that cannot keep it is a note, not a failure.
        await audit.keep(located.serviceId, report).catch((e: unknown) => {
          ctx.note(`The report was not kept in the vault: ${e instanceof Error ? e.message : 'unknown error'}`);
        });
      }
      const s = report.summary;
      const text = [
        ...report.checks.map(
          (c) =>
            `${c.status.toUpperCase().padEnd(7)} ${c.title}: ${c.finding}${c.fix && c.status !== 'pass' ? ` Fix: ${c.fix}` : ''}`,
        ),
        `Score ${s.score}/100: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skipped} skipped (${report.requestsSent} requests).`,
      ].join('\n');
      ctx.output(report, text);
      return s.fail > 0 ? EXIT.AUDIT_FAILED : EXIT.OK;
    } finally {
      vault?.lock();
    }
  },
};
