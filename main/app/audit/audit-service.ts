/**
 * The API audit: runs the checks against a URL (signed with a stored credential when one is
 * chosen, its OAuth token through AccessTokens), keeps the reports per service in the vault, and
 * renders one for export.
 */
import { AuditReports, probeTls, renderReport, runAudit } from '../../core/audit';
import { abortableSleep, createHttpEngine, type RequestAuth } from '../../core/http';
import type { ReportFormat } from '../../core/model/audit-report';
import type { Clock } from '../../core/platform';
import { LATCH_VERSION } from '../../core/version';
import type { Credentials } from '../credentials/credentials';
import type { AccessTokens } from '../secrets/access-tokens';
import type { VaultAccess } from '../vault/vault-access';

const MIME: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface AuditRun {
  url: string;
  serviceId?: string | undefined;
  credentialId?: string | undefined;
  maxRequests: number;
  rateProbe: boolean;
}

export class AuditService {
  /** Saved reports are read-modify-write of one record per service: one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { vault: VaultAccess; credentials: Credentials; accessTokens: AccessTokens; clock: Clock },
  ) {}

  #reports(): AuditReports {
    return new AuditReports(this.deps.vault.vault());
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async run({ url, serviceId, credentialId, maxRequests, rateProbe }: AuditRun) {
    const { clock } = this.deps;
    const located = serviceId && credentialId ? await this.deps.credentials.credential(serviceId, credentialId) : null;
    const engine = createHttpEngine({
      clock,
      ...(located ? { getAccessToken: this.deps.accessTokens.forEngine(() => located.serviceId) } : {}),
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
    const savedId = serviceId ? await this.#serial(() => this.#reports().add(serviceId, report)) : null;
    return { report, savedId };
  }

  list(serviceId: string) {
    return this.#reports().list(serviceId);
  }

  get(serviceId: string, id: string) {
    return this.#reports().get(serviceId, id);
  }

  async export(serviceId: string, id: string, format: ReportFormat) {
    const report = await this.#reports().get(serviceId, id);
    const host = new URL(report.target).host.replace(/[^A-Za-z0-9.-]/g, '_');
    const day = report.startedAt.slice(0, 10);
    return {
      fileName: `latch-audit-${host}-${day}.${format}`,
      mimeType: MIME[format],
      contentBase64: Buffer.from(renderReport(report, format), 'utf8').toString('base64'),
    };
  }

  async delete(serviceId: string, id: string): Promise<void> {
    await this.#serial(() => this.#reports().delete(serviceId, id));
  }
}
