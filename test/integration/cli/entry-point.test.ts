import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** bin/latch.cjs copied into a checkout of its own, with `out` as given (path -> text), run with `--help`. */
function runCopiedBin(name: string, out: Record<string, string>) {
  const root = join(dir, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/latch.cjs'), join(root, 'bin/latch.cjs'));
  for (const [path, text] of Object.entries(out)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return spawnSync(process.execPath, ['--', join(root, 'bin/latch.cjs'), '--help'], { encoding: 'utf8' });
}

describe('the installed entry point (bin/latch.cjs)', () => {
  it('says how to build the command line when it is not built', () => {
    const r = runCopiedBin('unbuilt', {});
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'latch: the command line is not built yet. Run "npm run build" (or, in a checkout, "npm run latch -- ARGS").\n',
    });
  });

  it('does not call a missing chunk of a build "not built": its own error, naming the chunk', () => {
    const r = runCopiedBin('broken', { 'out/cli/latch.cjs': 'require("./assets/kick-gone.cjs");\n' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).not.toContain('not built');
    expect(r.stderr).toContain("Cannot find module './assets/kick-gone.cjs'");
  });

  it('runs the built command line', () => {
    const r = runCopiedBin('built', {
      'out/cli/latch.cjs': 'process.stdout.write(process.argv.slice(2).join(" "));\n',
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: '--help',
      stderr: '',
    });
  });
});
