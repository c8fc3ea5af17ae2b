import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildCli } from './built-cli';
import { grepTree, ownTempEnv, plant, planted, plantedFiles } from './no-secret-on-disk';
import { type LatchRun, latch, runProgram } from './run-latch';

export { buildCli } from './built-cli';
export const ROOT = join(import.meta.dirname, '../../..');

/**
 * A vault for tool tests, unlocked through the agent (no keychain, as on a server), and a folder of
 * PATH entries for the built helpers (git-credential-latch, docker-credential-latch, latch).
 */
export interface ToolEnv {
  dir: string;
  /** The vault file. */
  vault: string;
  env: Record<string, string>;
  password: string;
  /** latch with the master password as stdin's first line. */
  withPassword(args: string[], rest?: string): Promise<LatchRun>;
  /** latch with no password: the key comes from the agent (after unlock()). */
  latch(args: string[], stdin?: string): Promise<LatchRun>;
  /** A program (git, aws, kubectl, a helper) with this environment, plus `env`; stdin given then closed. */
  program(
    command: string[],
    options?: { env?: Record<string, string>; stdin?: string; cwd?: string },
  ): Promise<LatchRun>;
  /** Adds an OAuth 2.0 client-credentials credential (client_secret_basic) whose client secret is `secret`. */
  addOAuthClient(
    o: { service: string; name: string; tokenEndpoint: string; clientId: string; url?: string },
    secret: string,
  ): Promise<void>;
  unlock(): Promise<void>;
  /**
   * Files under HOME and the test folder (its TMPDIR included) that contain the value (or any of the values) in
   * any encoding: the quick check a test makes on the spot; `plantedOnDisk` at the end of the file also reads
   * what the shared temp folder gained since the test started.
   */
  filesHolding(value: string | readonly string[]): string[];
  /**
   * Files under HOME, the test folder and what the shared temp folder gained holding any value planted in this
   * test file (the master password included), in any of its encodings, less `wanted` (an output the user asked for).
   */
  plantedOnDisk(wanted?: readonly string[]): string[];
  close(): Promise<void>;
}

/** A fresh vault (and the built command line), for the tool and command tests. */
export async function toolEnv(name: string): Promise<ToolEnv> {
  buildCli();
  const dir = mkdtempSync(join(tmpdir(), `latch-${name}-`));
  const runtime = join(dir, 'runtime');
  const bin = join(dir, 'bin');
  mkdirSync(runtime, { mode: 0o700 });
  mkdirSync(bin);
  for (const [link, target] of [
    ['latch', 'latch.cjs'],
    ['git-credential-latch', 'git-credential-latch.cjs'],
    ['docker-credential-latch', 'docker-credential-latch.cjs'],
  ] as const)
    symlinkSync(join(ROOT, 'bin', target), join(bin, link));
  const password = plant(`${name} master password`);
  const env = {
    LATCH_NO_KEYCHAIN: '1',
    LATCH_VAULT: join(dir, 'vault.latch'),
    XDG_RUNTIME_DIR: runtime,
    ...ownTempEnv(dir),
    PATH: `${bin}:${process.env.PATH}`,
  };
  const withPassword = (args: string[], rest = '') =>
    latch([...args, '--password-stdin'], { stdin: `${password}\n${rest}`, env });
  const init = await withPassword(['init', '--iterations', '100000']);
  expect(init.code, init.stderr).toBe(0);
  return {
    dir,
    vault: env.LATCH_VAULT,
    env,
    password,
    withPassword,
    latch: (args, stdin = '') => latch(args, { stdin, env }),
    program: (command, options = {}) => runProgram(command, { ...options, env: { ...env, ...options.env } }),
    async addOAuthClient(o, secret) {
      const url = o.url === undefined ? [] : ['--url', o.url];
      const fields = [
        `tokenEndpoint=${o.tokenEndpoint}`,
        `clientId=${o.clientId}`,
        'grant=client_credentials',
        'clientAuth=client_secret_basic',
        'clientSecret=-',
      ].flatMap((f) => ['--field', f]);
      const add = await withPassword(
        ['add', o.service, '--kind', 'oauth2', '--name', o.name, ...url, ...fields],
        `${secret}\n`,
      );
      expect(add.code, add.stderr).toBe(0);
    },
    async unlock() {
      const r = await withPassword(['unlock', '--for', '10m']);
      expect(r.code, r.stderr).toBe(0);
    },
    filesHolding: (value) => grepTree([dir, process.env.HOME ?? dir], value),
    plantedOnDisk: (wanted = []) =>
      plantedFiles([dir, process.env.HOME ?? dir], planted()).filter((f) => !wanted.includes(f)),
    async close() {
      await latch(['lock'], { env });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
