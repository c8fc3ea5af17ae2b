/**
 * Request history, audit reports and rate-limit state are saved in the vault like credentials;
 * when such a save fails (here: another program wrote the file first) the user hears of it the
 * same way, through the one save-failed banner, and its ways out work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { DomainEvents } from '../../../main/app/events';
import { check, summarise } from '../../../main/core/audit';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { AUDIT_REPORT_SCHEMA, type AuditReport } from '../../../main/core/model/audit-report';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';

let dir: string;
let app: AppServices;
let serviceId: string;
let credentialId: string;
let vaultEvents: DomainEvents['vault.changed'][];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-save-failed-'));
  app = appForTest(dir);
  await createTestVault(app);
  serviceId = await app.credentials.createService({ name: 'API' });
  credentialId = await app.credentials.addCredential(serviceId, { kind: 'bearer', name: 't', fields: { token: 'x' } });
  // Something to clear, so that clearing the history has a record to save.
  await app.requests.save({ serviceId, name: 'Kept', request: { method: 'GET', url: '/' } });
  vaultEvents = [];
  app.events.on('vault.changed', (e) => vaultEvents.push(e));
  // Another program (the command line) writes the file: the app's next save fails.
  const other = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
  await new ServiceStore(other, systemClock).createService({ name: 'From the CLI' });
  other.lock();
});

afterEach(async () => {
  await app.vault.resolveSaveFailure('discard').catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function report(): AuditReport {
  const checks = [check('clock.skew', 'Server clock', 'pass', 'medium', 'Fine.')];
  return {
    schema: AUDIT_REPORT_SCHEMA,
    target: 'https://api.example.com/',
    startedAt: '2026-12-01T14:00:00.000Z',
    durationMs: 12,
    latchVersion: '0.1.0',
    credential: null,
    requestsSent: 1,
    checks,
    summary: summarise(checks),
  };
}

const saves: [string, () => Promise<unknown>][] = [
  ['a saved request', () => app.requests.save({ serviceId, name: 'List', request: { method: 'GET', url: '/' } })],
  ['request history', () => app.requests.clearHistory(serviceId)],
  ['an audit report', () => app.audit.keep(serviceId, report())],
  ['a rate limit', () => app.limits.set(serviceId, credentialId, { requests: 5, perSeconds: 1 })],
];

describe('a failed save of records other than credentials', () => {
  it.each(saves)(
    '%s raises the save-failed banner, and reload-and-re-apply keeps both changes',
    async (_what, save) => {
      await save().catch(() => undefined);
      const failed = vaultEvents.filter((e) => e.reason === 'save-failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.status).toMatchObject({ unsaved: true, saveError: 'ERR_VAULT_CHANGED_ON_DISK' });

      const status = await app.vault.resolveSaveFailure('reapply');
      expect(status).toMatchObject({ unsaved: false, saveError: null });
      expect(app.credentials.summaries().map((s) => s.name)).toContain('From the CLI');
    },
  );
});

describe('a held change the page must see, so that it is not made twice', () => {
  it('a saved request whose save failed is in the list at once, and re-apply keeps one', async () => {
    const told: (string | null)[] = [];
    app.events.on('requests.changed', (e) => told.push(e.serviceId));
    const failed = await app.requests
      .save({ serviceId, name: 'List', request: { method: 'GET', url: '/' } })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'ERR_VAULT_CHANGED_ON_DISK', detail: { kept: true } });
    expect(told).toEqual([serviceId]);
    const names = async () => ((await app.requests.saved(serviceId)) as { name: string }[]).map((r) => r.name);
    expect(await names()).toEqual(expect.arrayContaining(['List']));
    await app.vault.resolveSaveFailure('reapply');
    expect((await names()).filter((n) => n === 'List')).toHaveLength(1);
  });

  it('an audit run whose report cannot be saved answers with the report, held for the banner', async () => {
    vi.spyOn(app.audit, 'check').mockResolvedValue(report());
    const run = await app.audit.run({ url: 'https://api.example.com/', serviceId, maxRequests: 1, rateProbe: false });
    expect(run).toMatchObject({ report: { target: 'https://api.example.com/' }, savedId: null });
    expect(vaultEvents.filter((e) => e.reason === 'save-failed')).toHaveLength(1);
    await app.vault.resolveSaveFailure('reapply');
    expect(await app.audit.list(serviceId)).toHaveLength(1);
  });
});
