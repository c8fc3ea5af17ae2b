import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVault, openVault, type SaveStep } from '../../../main/core/vault';

const dir = mkdtempSync(join(tmpdir(), 'latch-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PW = 'crash test password';
const STEPS: SaveStep[] = [
  'lock',
  'cleanup',
  'check',
  'temp-create',
  'temp-write',
  'temp-sync',
  'temp-close',
  'read-back',
  'backup',
  'recheck',
  'rename',
  'dir-sync',
];

function killAt(path: string, step: SaveStep): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'save-child.ts'), path, PW, step],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(`at:${step}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without reaching ${step}: ${out}`)),
    );
  });
}

describe('a save killed at any step', () => {
  it.each(STEPS)(
    'SIGKILL at %s leaves a vault that opens (old or new, never a mix), and the next save works',
    async (step) => {
      const path = join(dir, `${step}.latch`);
      const { vault } = await createVault({ path, password: PW, iterations: 100_000 });
      vault.putRecord('keep', { name: 'kept' }, { secret: 'old' });
      await vault.save();

      await killAt(path, step);

      const after = await openVault({ path, password: PW });
      expect(await after.readRecord('keep')).toEqual({ secret: 'old' });
      const hasNew = after.entries().has('crash');
      // Before the rename the old file is intact; from the rename on the new one is in place.
      expect(hasNew).toBe(step === 'dir-sync');
      if (hasNew) expect(await after.readRecord('crash')).toEqual({ secret: 'new' });

      // The killed writer's lock and temporary do not wedge the next save (dead pid → stale lock).
      after.putRecord('next', null, { ok: true });
      await after.save();
      expect(readdirSync(dir).filter((n) => n.startsWith(`.${step}.latch.`) || n === `${step}.latch.lock`)).toEqual([]);
    },
  );
});
