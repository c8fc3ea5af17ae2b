import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';

/** The floor: fast enough for tests, and a real (refusable) cost parameter. */
export const TEST_ITERATIONS = 100_000;
export const PASSWORD = 'correct horse battery staple';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'latch-vault-'));
  dirs.push(d);
  return d;
}

export function tempVaultPath(): string {
  return join(tempDir(), 'vault.latch');
}

/** Resolves to the LatchError code a promise rejects with (fails the test when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LatchError) return e.code;
    return `non-latch: ${String(e)}`;
  }
  return 'resolved';
}
