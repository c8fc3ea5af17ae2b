import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder under the temp folder for one test file, removed after its tests. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `latch-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * `runtime` inside `dir`, made now with the mode the unlock agent asks of its XDG_RUNTIME_DIR (0700: its socket
 * folder must be the user's alone).
 */
export function privateRuntime(dir: string): string {
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  return runtime;
}
