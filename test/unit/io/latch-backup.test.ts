import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { exportLatchBackup } from '../../../main/core/io/latch-backup-export';
import { applyLatchBackupImport, planLatchBackupImport } from '../../../main/core/io/latch-backup-import';
import { buildPlaintextExport } from '../../../main/core/io/plaintext-export';
import { writePrivateFile } from '../../../main/core/io/private-file';
import { LatchError } from '../../../main/core/model/errors';
import { createVault } from '../../../main/core/vault/create-vault';
import { openVault } from '../../../main/core/vault/open';
import { GOOD } from '../credentials/samples';

const ITERATIONS = 100_000;
const clock = { now: () => Date.UTC(2026, 0, 5) };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'latch-io-'));
  dirs.push(d);
  return d;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof LatchError ? e.code : `other: ${String(e)}`;
  }
  return 'resolved';
}

async function vaultWithServices(path: string) {
  const { vault } = await createVault({ path, password: 'main-pw', iterations: ITERATIONS });
  const store = new ServiceStore(vault, clock);
  const stripe = await store.createService({ name: 'Stripe', baseUrl: 'https://api.stripe.com' });
  await store.addCredential(stripe, { kind: 'api-key', name: 'live', fields: GOOD['api-key'] });
  const gh = await store.createService({ name: 'GitHub' });
  await store.addCredential(gh, { kind: 'bearer', name: 'PAT', fields: GOOD.bearer });
  await store.addCredential(gh, { kind: 'totp', name: '2FA', fields: GOOD.totp });
  return { vault, store };
}

describe('Latch backup', () => {
  it('exports with its own password and merges into another vault, renaming clashes', async () => {
    const dir = tempDir();
    const { vault } = await vaultWithServices(join(dir, 'main.latch'));
    const backupPath = join(dir, 'backup.latch');
    expect(
      await exportLatchBackup({ source: vault, path: backupPath, password: 'backup-pw', iterations: ITERATIONS }),
    ).toEqual({
      records: 2,
    });
    expect(existsSync(`${backupPath}.bak`)).toBe(false);
    expect(readFileSync(backupPath).includes(Buffer.from('sk_live_abc123'))).toBe(false);
    expect(await codeOf(openVault({ path: backupPath, password: 'main-pw' }))).toBe('ERR_WRONG_PASSWORD');

    const { vault: other } = await createVault({
      path: join(dir, 'other.latch'),
      password: 'x',
      iterations: ITERATIONS,
    });
    const otherStore = new ServiceStore(other, clock);
    await otherStore.createService({ name: 'github' });
    expect(await codeOf(planLatchBackupImport(other, backupPath, 'wrong'))).toBe('ERR_WRONG_PASSWORD');
    const plan = await planLatchBackupImport(other, backupPath, 'backup-pw');
    expect(plan.preview.services.map((s) => [s.source, s.name, s.renamed, s.include])).toEqual(
      expect.arrayContaining([
        ['Stripe', 'Stripe', false, true],
        ['GitHub', 'GitHub (imported)', true, true],
      ]),
    );
    expect(plan.preview.services.find((s) => s.source === 'GitHub')?.credentials).toEqual([
      { name: 'PAT', kind: 'bearer' },
      { name: '2FA', kind: 'totp' },
    ]);
    expect(JSON.stringify(plan.preview)).not.toContain('opaque-token-123');

    const result = await applyLatchBackupImport(other, plan);
    expect(result.credentials).toBe(3);
    expect(otherStore.summaries().map((s) => s.name)).toEqual(['github', 'GitHub (imported)', 'Stripe']);
    const pat = await otherStore.resolve('latch://GitHub (imported)/PAT');
    expect(pat.credential.fields).toEqual({ token: 'opaque-token-123' });

    // On disk, after one save: reopen and read.
    other.lock();
    const reopened = await openVault({ path: join(dir, 'other.latch'), password: 'x' });
    const live = await new ServiceStore(reopened, clock).resolve('Stripe/live');
    expect(live.credential.fields).toMatchObject({ value: 'sk_live_abc123' });
    reopened.lock();
    vault.lock();
  });

  it('imports only the chosen services and refuses an existing target file', async () => {
    const dir = tempDir();
    const { vault } = await vaultWithServices(join(dir, 'main.latch'));
    const backupPath = join(dir, 'b.latch');
    await exportLatchBackup({ source: vault, path: backupPath, password: 'b', iterations: ITERATIONS });
    expect(
      await codeOf(exportLatchBackup({ source: vault, path: backupPath, password: 'b', iterations: ITERATIONS })),
    ).toBe('ERR_VAULT_EXISTS');
    const { vault: fresh } = await createVault({
      path: join(dir, 'fresh.latch'),
      password: 'f',
      iterations: ITERATIONS,
    });
    const plan = await planLatchBackupImport(fresh, backupPath, 'b');
    await applyLatchBackupImport(fresh, plan, ['Stripe']);
    expect(new ServiceStore(fresh, clock).summaries().map((s) => s.name)).toEqual(['Stripe']);
    expect(await codeOf(applyLatchBackupImport(fresh, plan, ['Nope']))).toBe('ERR_BAD_INPUT');
    fresh.lock();
    vault.lock();
  });
});

describe('plain-text export', () => {
  it('is refused without explicit confirmation, and holds every secret with it', async () => {
    const dir = tempDir();
    const { vault } = await vaultWithServices(join(dir, 'main.latch'));
    expect(await codeOf(buildPlaintextExport(vault, clock, {}))).toBe('ERR_BAD_INPUT');
    const text = await buildPlaintextExport(vault, clock, { confirmPlaintext: true });
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'latch-plaintext', version: 1 });
    expect(json.services.map((s: { name: string }) => s.name)).toEqual(['GitHub', 'Stripe']);
    expect(text).toContain('sk_live_abc123');
    const out = join(dir, 'plain.json');
    await writePrivateFile(out, text, { overwrite: false });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await codeOf(writePrivateFile(out, text, { overwrite: false }))).toBe('ERR_CONFLICT');
    vault.lock();
  });
});
