import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditReports } from '../../../main/core/audit';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import type { AuditReport } from '../../../main/core/model/audit-report';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import { startScriptedServer } from '../../peers/scripted-server';
import { latch } from '../cli/run-latch';
import { launchBrowser } from '../oauth/browser';
import { type ApiPeer, goodApi, startApi, TOKEN } from './api-peer';
import { makeCertificates, type TestCertificates } from './certificates';

const dir = mkdtempSync(join(tmpdir(), 'latch-audit-cli-'));
const vault = join(dir, 'audit.latch');
const PASSWORD = 'audit test password';
const EX_TOKEN = 'ex-token-bound-to-api-example-com-31';
let certs: TestCertificates;
let env: Record<string, string>;
const peers: ApiPeer[] = [];
let good: ApiPeer;
let selfSigned: ApiPeer;
let expired: ApiPeer;
const SCREENSHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

beforeAll(async () => {
  mkdirSync(join(dir, 'certs'));
  certs = makeCertificates(join(dir, 'certs'));
  // The test CA is trusted by the latch child only, as a company CA would be.
  env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault, NODE_EXTRA_CA_CERTS: certs.caFile };
  expect(
    (await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PASSWORD}\n`, env })).code,
  ).toBe(0);
  good = await startApi(goodApi, certs.good);
  selfSigned = await startApi(goodApi, certs.selfSigned);
  expired = await startApi(goodApi, certs.expired);
  peers.push(good, selfSigned, expired);
  const v = await openVault({ path: vault, password: PASSWORD });
  const store = new ServiceStore(v, systemClock);
  const id = await store.createService({ name: 'api' });
  // Bound to the good peer only: the audit sends it there without asking (host binding).
  const hosts = [new URL(good.url).host];
  await store.addCredential(id, { kind: 'bearer', name: 'token', fields: { token: TOKEN }, hosts });
  const ex = await store.createService({ name: 'Ex', baseUrl: 'https://api.example.com' });
  await store.addCredential(ex, { kind: 'bearer', name: 't', fields: { token: EX_TOKEN } });
  v.lock();
}, 60_000);

afterAll(async () => {
  for (const p of peers) await p.close();
  rmSync(dir, { recursive: true, force: true });
});

const audit = (args: string[]) =>
  latch(['audit', '--password-stdin', '--credential', 'latch://api/token', ...args], { stdin: `${PASSWORD}\n`, env });
const check = (r: AuditReport, id: string) => r.checks.find((c) => c.id === id);

describe('latch audit', () => {
  it('a trusted HTTPS API passes; the three report files say the same thing and open cleanly', async () => {
    const md = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const r = await audit([good.url, '--report', md, '--report', html, '--report', json, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as AuditReport;
    // The JSON report file is the --json output.
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(report);
    expect(report.summary.fail).toBe(0);
    for (const id of [
      'transport.certificate-trusted',
      'transport.host-name',
      'transport.tls-version',
      'transport.hsts',
      'transport.signature-algorithm',
    ])
      expect(check(report, id)?.status).toBe('pass');
    expect(check(report, 'transport.certificate-key')?.evidence).toMatchObject({
      keyType: 'ec',
      curve: 'prime256v1',
      keyBits: '256',
    });
    expect(check(report, 'transport.certificate-trusted')?.evidence.chain).toBe('CN=localhost <- CN=Latch Test CA');
    expect(check(report, 'transport.signature-algorithm')?.evidence.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(check(report, 'transport.certificate-expiry')?.evidence.daysLeft).toMatch(/^(89|90)$/);
    expect(report.credential).toEqual({ reference: 'latch://api/token', kind: 'bearer' });

    // JSON: valid against the published schema, by an independent validator.
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/audit-report.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, summary: { ...report.summary, score: 101 } })).toBe(false);

    // Markdown: parses into a heading per category and a table row per check.
    const tokens = marked.lexer(readFileSync(md, 'utf8'));
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((t) => t.text);
    expect(headings).toEqual(
      expect.arrayContaining(['Transport', 'Authentication', 'Headers', 'Cookies', 'Rate limiting', 'Clock']),
    );
    const rows = tokens.filter((t): t is Tokens.Table => t.type === 'table').flatMap((t) => t.rows);
    expect(rows.length).toBe(report.checks.length);
    expect(rows.every((row) => ['PASS', 'WARN', 'FAIL', 'SKIPPED'].includes(row[0]?.text ?? ''))).toBe(true);

    // HTML: renders in Chromium without loading anything; screenshot for a look.
    const b = await launchBrowser();
    try {
      const requests: string[] = [];
      b.page.on('request', (q) => requests.push(q.url()));
      await b.page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
      expect(requests).toEqual([]);
      expect(await b.page.locator('table tbody tr').count()).toBe(report.checks.length);
      expect(await b.page.locator('.score').textContent()).toBe(`${report.summary.score}/100`);
      await b.page.setViewportSize({ width: 1200, height: 900 });
      await b.page.screenshot({ path: join(SCREENSHOTS, 'audit-report.png'), fullPage: true });
    } finally {
      await b.close();
    }
    for (const f of [md, html, json]) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);

    // Kept with the service in the vault.
    const v = await openVault({ path: vault, password: PASSWORD });
    const store = new ServiceStore(v, systemClock);
    const { serviceId } = await store.resolve('latch://api/token');
    const saved = await new AuditReports(v).list(serviceId);
    expect(saved[0]?.summary).toEqual(report.summary);
    v.lock();
  }, 60_000);

  it('a self-signed certificate fails the chain check (exit 5), and the credential is never sent', async () => {
    const before = selfSigned.seen.length;
    const r = await audit([selfSigned.url, '--json']);
    expect(r.code).toBe(5);
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(check(report, 'transport.certificate-trusted')).toMatchObject({
      status: 'fail',
      evidence: { reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    expect(check(report, 'transport.certificate-trusted')?.finding).toMatch(/self-signed/);
    expect(check(report, 'authentication.without-credential')?.status).toBe('skipped');
    const seen = selfSigned.seen.slice(before);
    expect(seen.length).toBe(1);
    expect(seen.every((s) => s.authorization === undefined)).toBe(true);
  });

  it('an expired certificate fails the expiry check, with the date, and a human text report', async () => {
    const r = await audit([expired.url]);
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/^FAIL +Certificate expiry: The certificate expired on Jan {1,2}1 00:00:00 2021 GMT\./m);
    expect(r.stdout).toMatch(/^FAIL +Certificate chain: The certificate is not trusted: it has expired\./m);
    expect(r.stdout).toMatch(/^Score \d+\/100: /m);
  });

  it('refuses a report file it cannot name the format of (exit 2), and replaces a planted symlink instead of writing through it', async () => {
    expect((await audit([good.url, '--report', join(dir, 'report.txt')])).code).toBe(2);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = join(dir, 'linked.md');
    symlinkSync(victim, link);
    expect((await audit([good.url, '--report', link])).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toMatch(/^# Latch API audit/);
  });

  it('sends a credential to a host it is not bound to only with --allow-host: refused (exit 2, nothing sent), then sent', async () => {
    const capture = await startScriptedServer();
    try {
      const host = `127.0.0.1:${capture.port}`;
      const run = (extra: string[]) =>
        latch(['audit', '--password-stdin', `${capture.url}/x`, '--credential', 'latch://Ex/t', ...extra], {
          stdin: `${PASSWORD}\n`,
          env,
        });
      const refused = await run([]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(host);
      expect(refused.stderr).toContain(`--allow-host ${host}`);
      expect(refused.stderr + refused.stdout).not.toContain(EX_TOKEN);
      expect((await run(['--allow-host', 'https://x.test/path'])).stderr).toContain('--allow-host');
      expect(capture.seen).toEqual([]);

      const allowed = await run(['--allow-host', host, '--json']);
      expect(allowed.stderr).toBe('');
      expect(JSON.parse(allowed.stdout)).toMatchObject({ credential: { reference: 'latch://Ex/t' } });
      expect(capture.seen.map((s) => s.headers.authorization)).toContain(`Bearer ${EX_TOKEN}`);
      expect(allowed.stdout).not.toContain(EX_TOKEN);
    } finally {
      await capture.close();
    }
  });
});
