import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { grepTree } from './no-secret-on-disk';
import { latch } from './run-latch';

export const ROOT = join(import.meta.dirname, '../../..');

/**
 * A vault for tool tests, unlocked through the agent (no keychain, as on a server), and a folder of
 * PATH entries for the built helpers (git-credential-latch, docker-credential-latch, latch).
 */
export interface ToolEnv {
  dir: string;
  env: Record<string, string>;
  password: string;
  /** latch with the master password as stdin's first line. */
  withPassword(args: string[], rest?: string): ReturnType<typeof latch>;
  unlock(): Promise<void>;
  /** Files under HOME, the test folder and the temp folder that contain the value. */
  filesHolding(value: string): string[];
  close(): Promise<void>;
}

let built = false;
/** Builds out/cli once per test process, so the installed entry points (bin/*.mjs) are what the tools run. */
export function buildCli(): void {
  if (built) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'cli.vite.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  built = true;
}

export async function toolEnv(name: string): Promise<ToolEnv> {
  const dir = mkdtempSync(join(tmpdir(), `latch-${name}-`));
  const runtime = join(dir, 'runtime');
  const bin = join(dir, 'bin');
  mkdirSync(runtime, { mode: 0o700 });
  mkdirSync(bin);
  for (const [link, target] of [
    ['latch', 'latch.mjs'],
    ['git-credential-latch', 'git-credential-latch.mjs'],
    ['docker-credential-latch', 'docker-credential-latch.mjs'],
  ] as const)
    symlinkSync(join(ROOT, 'bin', target), join(bin, link));
  const password = `${name} master password`;
  const env = {
    LATCH_NO_KEYCHAIN: '1',
    LATCH_VAULT: join(dir, 'vault.latch'),
    XDG_RUNTIME_DIR: runtime,
    PATH: `${bin}:${process.env.PATH}`,
  };
  const withPassword = (args: string[], rest = '') =>
    latch([...args, '--password-stdin'], { stdin: `${password}\n${rest}`, env });
  const init = await withPassword(['init', '--iterations', '100000']);
  expect(init.code, init.stderr).toBe(0);
  return {
    dir,
    env,
    password,
    withPassword,
    async unlock() {
      const r = await withPassword(['unlock', '--for', '10m']);
      expect(r.code, r.stderr).toBe(0);
    },
    filesHolding: (value) => grepTree([dir, process.env.HOME ?? dir, tmpdir()], value),
    async close() {
      await latch(['lock'], { env });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
