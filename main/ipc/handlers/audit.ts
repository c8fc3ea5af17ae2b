import { AuditReports, probeTls, renderReport, runAudit } from '../../core/audit';
import { abortableSleep, createHttpEngine, type RequestAuth } from '../../core/http';
import type { ReportFormat } from '../../core/model/audit-report';
import { LATCH_VERSION } from '../../core/version';
import type { HandlerTable } from '../dispatcher';
import { createGetAccessToken } from '../oauth-tokens';
import type { AppServices } from '../services';

type AuditChannels = 'audit.run' | 'audit.reports' | 'audit.report' | 'audit.export' | 'audit.deleteReport';

const MIME: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function auditHandlers(s: AppServices): Pick<HandlerTable, AuditChannels> {
  const { vault, clock } = s;
  const reports = () => new AuditReports(vault.vault());
  // Saved reports are read-modify-write of one record per service: one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    'audit.run': async ({ url, serviceId, credentialId, maxRequests, rateProbe }) => {
      const located = serviceId && credentialId ? await vault.store().credential(serviceId, credentialId) : null;
      const engine = createHttpEngine({
        clock,
        ...(located && serviceId
          ? {
              getAccessToken: createGetAccessToken(
                () => vault.store(),
                () => serviceId,
                { clock, renew: (sid, cid) => s.oauth.refresh(sid, cid) },
              ),
            }
          : {}),
      });
      let report: Awaited<ReturnType<typeof runAudit>>;
      try {
        report = await runAudit(
          {
            url,
            auth: located ? (located.credential as RequestAuth) : null,
            reference: located ? `latch://${located.service.name}/${located.credential.name}` : null,
            maxRequests,
            rateProbe,
          },
          { engine, clock, sleep: abortableSleep, probeTls, version: LATCH_VERSION },
        );
      } finally {
        engine.close();
      }
      const savedId = serviceId ? await serial(() => reports().add(serviceId, report)) : null;
      return { report, savedId };
    },
    'audit.reports': ({ serviceId }) => reports().list(serviceId),
    'audit.report': ({ serviceId, id }) => reports().get(serviceId, id),
    'audit.export': async ({ serviceId, id, format }) => {
      const report = await reports().get(serviceId, id);
      const host = new URL(report.target).host.replace(/[^A-Za-z0-9.-]/g, '_');
      const day = report.startedAt.slice(0, 10);
      return {
        fileName: `latch-audit-${host}-${day}.${format}`,
        mimeType: MIME[format],
        contentBase64: Buffer.from(renderReport(report, format), 'utf8').toString('base64'),
      };
    },
    'audit.deleteReport': async ({ serviceId, id }) => {
      await serial(() => reports().delete(serviceId, id));
      return { ok: true as const };
    },
  };
}
