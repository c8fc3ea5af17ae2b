import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, installProcessGuard } from '../../../main/shell/process-guard';

const CHILD = join(import.meta.dirname, 'fixtures/guarded-child.ts');
const run = (guard: boolean) =>
  spawnSync(process.execPath, ['--import', 'tsx', CHILD], {
    encoding: 'utf8',
    env: { ...process.env, GUARD: guard ? '1' : '0' },
    timeout: 20_000,
  });

describe("main's process guard", () => {
  it('logs an uncaught exception and an unhandled rejection without their text, and the process lives on', () => {
    const r = run(true);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('still running');
    expect(r.stderr).toContain('latch: unhandled rejection in main (Error ERR_X)');
    expect(r.stderr).toContain('latch: uncaught exception in main (Error)');
    expect(r.stderr).not.toContain('CHILD_SECRET');
  });

  it('without it the same process dies, printing the secret (what the guard prevents)', () => {
    const r = run(false);
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('still running');
    expect(r.stderr).toContain('CHILD_SECRET');
  });

  it('installs once per process', () => {
    const on: string[] = [];
    const proc = { on: (name: string) => on.push(name) } as unknown as NodeJS.Process;
    expect(installProcessGuard(proc, () => undefined)).toBe(true);
    expect(installProcessGuard(proc, () => undefined)).toBe(false);
    expect(on).toEqual(['unhandledRejection', 'uncaughtException']);
  });

  it('names a code only when it looks like one', () => {
    expect(describeError(Object.assign(new TypeError('x'), { code: 'ERR_BAD' }))).toBe('TypeError ERR_BAD');
    expect(describeError(Object.assign(new Error('x'), { code: 'sk_live_abc def' }))).toBe('Error');
    expect(describeError('a string with a secret')).toBe('string');
    expect(describeError(Object.assign(new Error('x'), { name: 'sk_live_abc' }))).toBe('Error');
  });
});
