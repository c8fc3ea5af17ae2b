import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAutomaticBackup } from '../../../main/core/io/automatic-backup';
import { backupFileName, planAutomaticBackup } from '../../../main/core/io/backup-schedule';
import { LatchError } from '../../../main/core/model/errors';
import { createVault } from '../../../main/core/vault/create-vault';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 1, 9, 30, 15);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'latch-backup-'));
  dirs.push(d);
  return d;
}

describe('planAutomaticBackup', () => {
  it('names backups by UTC time', () => {
    expect(backupFileName(T0)).toBe('vault-20260301-093015.latch');
  });

  it('makes one backup a day and keeps the newest N', () => {
    expect(planAutomaticBackup([], T0, 5)).toEqual({ create: 'vault-20260301-093015.latch', remove: [] });
    expect(planAutomaticBackup(['vault-20260301-000001.latch'], T0, 5)).toEqual({ create: null, remove: [] });
    const existing = [1, 2, 3, 4, 5].map((d) => `vault-2026020${d}-120000.latch`);
    expect(planAutomaticBackup([...existing, 'notes.txt', 'vault-x.latch'], T0, 5)).toEqual({
      create: 'vault-20260301-093015.latch',
      remove: ['vault-20260201-120000.latch'],
    });
    expect(planAutomaticBackup(existing, T0, 2).remove).toEqual(existing.slice(0, 4));
    expect(() => planAutomaticBackup([], T0, 0)).toThrow(RangeError);
  });
});

describe('runAutomaticBackup', () => {
  it('copies the encrypted file once a day, keeps 5, and never touches other files', async () => {
    const dir = tempDir();
    const vaultPath = join(dir, 'vault.latch');
    const { vault } = await createVault({ path: vaultPath, password: 'pw', iterations: 100_000 });
    vault.lock();
    const backupDir = join(dir, 'backups');
    const clock = {
      t: T0,
      now() {
        return this.t;
      },
    };

    const first = await runAutomaticBackup({ vaultPath, backupDir, now: clock });
    expect(first.created).toBe(join(backupDir, 'vault-20260301-093015.latch'));
    expect(readFileSync(first.created!)).toEqual(readFileSync(vaultPath));
    expect(statSync(first.created!).mode & 0o777).toBe(0o600);

    clock.t += 10 * HOUR; // same UTC day
    expect(await runAutomaticBackup({ vaultPath, backupDir, now: clock })).toEqual({ created: null, removed: [] });

    writeFileSync(join(backupDir, 'keep-me.txt'), 'mine');
    for (let day = 1; day <= 6; day++) {
      clock.t = T0 + day * DAY;
      await runAutomaticBackup({ vaultPath, backupDir, now: clock });
    }
    const files = readdirSync(backupDir).sort();
    expect(files).toEqual([
      'keep-me.txt',
      'vault-20260303-093015.latch',
      'vault-20260304-093015.latch',
      'vault-20260305-093015.latch',
      'vault-20260306-093015.latch',
      'vault-20260307-093015.latch',
    ]);
  });

  it('does nothing without a vault, and never replaces good backups with a damaged copy', async () => {
    const dir = tempDir();
    const vaultPath = join(dir, 'vault.latch');
    const now = { now: () => T0 };
    expect(await runAutomaticBackup({ vaultPath, now })).toEqual({ created: null, removed: [] });

    const backupDir = join(dir, 'backups');
    const { vault } = await createVault({ path: vaultPath, password: 'pw', iterations: 100_000 });
    vault.lock();
    const later = { now: () => T0 + 9 * DAY };
    for (let d = 0; d < 5; d++) await runAutomaticBackup({ vaultPath, backupDir, now: { now: () => T0 + d * DAY } });
    const bytes = readFileSync(vaultPath);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0xff;
    writeFileSync(vaultPath, bytes);
    await expect(runAutomaticBackup({ vaultPath, backupDir, now: later })).rejects.toBeInstanceOf(LatchError);
    expect(readdirSync(backupDir)).toHaveLength(5);
    expect(readdirSync(backupDir).some((n) => n.endsWith('.tmp'))).toBe(false);
  });
});
