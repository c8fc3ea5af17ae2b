/**
 * Saved audit reports, one encrypted vault record per service (`audit_<serviceId>`). The index
 * entry holds only a count. Bounded: the newest AUDIT_REPORT_LIMIT reports, each at most
 * AUDIT_REPORT_MAX_BYTES of JSON, so a hostile server's long headers cannot bloat the vault.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RecordVault } from '../credentials/record-vault';
import { AuditReport, type SavedAuditSummary } from '../model/audit-report';
import { LatchError } from '../model/errors';
import type { JsonValue } from '../vault/types';
import { asOnlyWriter } from '../vault/writer-turns';

export const AUDIT_RECORD_PREFIX = 'audit_';
export const AUDIT_REPORT_LIMIT = 20;
export const AUDIT_REPORT_MAX_BYTES = 256 * 1024;

const Saved = z.object({ id: z.string(), report: AuditReport });
const Body = z.object({ v: z.literal(1), serviceId: z.string(), reports: z.array(Saved) });
type Body = z.infer<typeof Body>;

export class AuditReports {
  constructor(private readonly vault: RecordVault) {}

  private async read(serviceId: string): Promise<Body> {
    const id = `${AUDIT_RECORD_PREFIX}${serviceId}`;
    if (!this.vault.entries().has(id)) return { v: 1, serviceId, reports: [] };
    const parsed = Body.safeParse(await this.vault.readRecord(id));
    if (!parsed.success)
      throw new LatchError(
        'ERR_VAULT_CORRUPT',
        'The saved audit reports could not be read; delete them from the service page.',
      );
    return parsed.data;
  }

  private async write(body: Body): Promise<void> {
    const id = `${AUDIT_RECORD_PREFIX}${body.serviceId}`;
    if (body.reports.length === 0) {
      if (this.vault.deleteRecord(id)) await this.vault.save();
      return;
    }
    this.vault.putRecord(
      id,
      { type: 'audit-reports', serviceId: body.serviceId, count: body.reports.length },
      body as unknown as JsonValue,
    );
    await this.vault.save();
  }

  /** Keeps the report (newest first, oldest dropped past the limit); returns its id. */
  async add(serviceId: string, report: AuditReport): Promise<string> {
    const checked = AuditReport.parse(report);
    if (Buffer.byteLength(JSON.stringify(checked)) > AUDIT_REPORT_MAX_BYTES)
      throw new LatchError(
        'ERR_BAD_INPUT',
        `The report is larger than ${AUDIT_REPORT_MAX_BYTES / 1024} KB and was not kept; export it to a file instead.`,
      );
    const id = `a_${randomBytes(9).toString('base64url')}`;
    await this.change(serviceId, (body) => {
      body.reports = [{ id, report: checked }, ...body.reports].slice(0, AUDIT_REPORT_LIMIT);
    });
    return id;
  }

  /** Reads, changes and saves the service's record as the vault's only writer (no batch's save or rollback splits it). */
  private change(serviceId: string, fn: (body: Body) => void): Promise<void> {
    return asOnlyWriter(this.vault, async () => {
      const body = await this.read(serviceId);
      fn(body);
      await this.write(body);
    });
  }

  async list(serviceId: string): Promise<SavedAuditSummary[]> {
    return (await this.read(serviceId)).reports.map(({ id, report }) => ({
      id,
      target: report.target,
      startedAt: report.startedAt,
      summary: report.summary,
    }));
  }

  async get(serviceId: string, id: string): Promise<AuditReport> {
    const found = (await this.read(serviceId)).reports.find((r) => r.id === id);
    if (!found) throw new LatchError('ERR_NOT_FOUND', 'That audit report is not there (it may have been deleted).');
    return found.report;
  }

  delete(serviceId: string, id: string): Promise<void> {
    return this.change(serviceId, (body) => {
      const next = body.reports.filter((r) => r.id !== id);
      if (next.length === body.reports.length)
        throw new LatchError('ERR_NOT_FOUND', 'That audit report is not there (it may have been deleted).');
      body.reports = next;
    });
  }
}
