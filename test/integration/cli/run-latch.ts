import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildCli } from './built-cli';

const root = join(import.meta.dirname, '../../..');

export interface LatchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `latch` as a child process, stdin piped then closed. It runs the built command line (bin/latch.cjs, what
 * `npm link` installs and users run; built once by buildCli), which starts in a tenth of the time of the
 * sources through tsx; `source: true` runs main/cli/index.ts through tsx instead.
 */
export function latch(
  args: string[],
  options: {
    stdin?: string;
    env?: Record<string, string>;
    wrap?: string[];
    closedStdout?: boolean;
    source?: boolean;
    /** Working folder (not with `source`: that entry is found from the checkout); default the checkout. */
    cwd?: string;
  } = {},
): Promise<LatchRun> {
  if (!options.source) buildCli();
  const entry = options.source
    ? ['--import', 'tsx', '--', join(root, 'main/cli/index.ts')]
    : ['--', join(root, 'bin/latch.cjs')];
  // `wrap`: a command the run goes through (unshare for a private mount, setpriv for another uid).
  return runProgram([...(options.wrap ?? []), process.execPath, ...entry, ...args], {
    ...options,
    cwd: options.cwd ?? root,
  });
}

/** Runs a program (a peer such as git or kubectl, or latch itself), stdin given then closed, output collected. */
export function runProgram(
  command: string[],
  options: { stdin?: string; env?: Record<string, string>; closedStdout?: boolean; cwd?: string } = {},
): Promise<LatchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // A reader that went away before latch wrote a byte (`latch … | head` after head exited).
    if (options.closedStdout) child.stdout.destroy();
    else
      child.stdout.on('data', (d) => {
        stdout += d;
      });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined); // a program may exit without reading its input (git does)
    child.stdin.end(options.stdin ?? '');
  });
}

/** `latch add` of a `secret` credential whose value is read from stdin (after the password line with --password-stdin). */
export const addSecretArgs = (service: string, name: string, variable: string): string[] => [
  'add',
  service,
  '--kind',
  'secret',
  '--name',
  name,
  '--field',
  `name=${variable}`,
  '--field',
  'value=-',
];
