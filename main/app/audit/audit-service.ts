/**
 * The API audit, for the app and `latch audit` alike: runs the checks against a URL (signed with a
 * stored credential when one is chosen, its OAuth token through AccessTokens, only to a host the
 * credential may go to), keeps the reports
 * per service in the vault, and renders one for export. Without a vault (an anonymous
 * `latch audit URL`) it still runs; only a credential or a saved report needs one.
 */
import { AuditReports, probeTls, renderReport, runAudit } from '../../core/audit';
import { abortableSleep, createHttpEngine, type RequestAuth } from '../../core/http';
import type { AuditReport, ReportFormat } from '../../core/model/audit-report';
import { LatchError } from '../../core/model/errors';
import type { Clock } from '../../core/platform';
import { LATCH_VERSION } from '../../core/version';
import type { Credentials } from '../credentials/credentials';
import type { AccessTokens } from '../secrets/access-tokens';
import { decideHost, type HostConsent } from '../secrets/host-decision';
import { isChangeKept } from '../vault/change-kept';
import { savingRecords, type VaultAccess } from '../vault/vault-access';

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
  /** How long the rate probe may go on (default 30 s). */
  rateProbeTimeLimitMs?: number | undefined;
}

/** The vault an audit reads credentials from and keeps reports in. */
export interface AuditVault {
  vault: VaultAccess;
  credentials: Credentials;
  accessTokens: AccessTokens;
}

export class AuditService {
  /** Saved reports are read-modify-write of one record per service: one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * `hostConsent`: who may send the credential beyond its hosts (the app's prompt, or the command
   * line's --allow-host for this run). Never part of a run's input, so the page cannot widen it.
   */
  constructor(private readonly deps: { clock: Clock; session: AuditVault | null; hostConsent: HostConsent }) {}

  #session(): AuditVault {
    const { session } = this.deps;
    if (session === null) throw new LatchError('ERR_VAULT_LOCKED', 'Unlock the vault to use a stored credential.');
    return session;
  }

  /** Reports are kept through the vault's one write path: a failed save raises the save-failed banner. */
  #reports(): AuditReports {
    return new AuditReports(savingRecords(this.#session().vault));
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs the audit and returns the report, keeping nothing. */
  async check({ url, serviceId, credentialId, maxRequests, rateProbe, rateProbeTimeLimitMs }: AuditRun) {
    const { clock } = this.deps;
    const session = serviceId && credentialId ? this.#session() : null;
    const located =
      session && serviceId && credentialId ? await session.credentials.credential(serviceId, credentialId) : null;
    const engine = createHttpEngine({
      clock,
      ...(session && located ? { getAccessToken: session.accessTokens.forEngine(() => located.serviceId) } : {}),
    });
    try {
      return await runAudit(
        {
          url,
          auth: located ? (located.credential as RequestAuth) : null,
          reference: located ? `latch://${located.service.name}/${located.credential.name}` : null,
          maxRequests,
          rateProbe,
          ...(rateProbeTimeLimitMs !== undefined ? { rateProbeTimeLimitMs } : {}),
        },
        {
          engine,
          clock,
          sleep: abortableSleep,
          probeTls,
          version: LATCH_VERSION,
          // The request tester's host decision: a credential goes nowhere the user did not bind or approve.
          mayGo: (target) => {
            if (located) decideHost(located, target.href, this.deps.hostConsent);
          },
        },
      );
    } finally {
      engine.close();
    }
  }

  /** Keeps a report with its service; returns its id. */
  keep(serviceId: string, report: AuditReport): Promise<string> {
    return this.#serial(() => this.#reports().add(serviceId, report));
  }

  /** Runs the audit and keeps the report with the service when one is named. */
  /**
   * Runs the audit and keeps its report with the service. A report whose save failed but which main
   * holds (detail.kept, the save-failed banner up) is still the answer, with no saved id: thrown, it
   * was lost to the page, whose user ran the audit again (its requests again) for a second copy.
   */
  async run(input: AuditRun) {
    const report = await this.check(input);
    const savedId = input.serviceId
      ? await this.keep(input.serviceId, report).catch((e: unknown) => {
          if (isChangeKept(e)) return null;
          throw e;
        })
      : null;
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
