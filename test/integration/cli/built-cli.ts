import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Newest modification time under a path (a file, or a folder walked recursively). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((e) => newest(join(path, e))));
}

let built = false;
/**
 * Builds out/cli once per test process, so the installed entry points (bin/*.cjs) are what the tools run; skipped
 * when the build is newer than every source it is made from (npm test builds it first, and each test file would
 * otherwise build it again).
 */
export function buildCli(): void {
  if (built) return;
  const out = join(ROOT, 'out/cli/latch.cjs');
  const sources = ['main', 'package-lock.json', 'cli.vite.config.ts', 'scripts/cli-build'].map((p) =>
    newest(join(ROOT, p)),
  );
  if (existsSync(out) && statSync(out).mtimeMs > Math.max(...sources)) {
    built = true;
    return;
  }
  const r = spawnSync('npx', ['vite', 'build', '--config', 'cli.vite.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  built = true;
}
