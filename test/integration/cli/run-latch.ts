import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

export interface LatchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `latch` from source (node --import tsx main/cli/index.ts) as a child process, stdin piped then closed. */
export function latch(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; wrap?: string[]; closedStdout?: boolean } = {},
): Promise<LatchRun> {
  return new Promise((resolve, reject) => {
    // `wrap`: a command the run goes through (unshare for a private mount, setpriv for another uid).
    const command = [
      ...(options.wrap ?? []),
      process.execPath,
      '--import',
      'tsx',
      join(root, 'main/cli/index.ts'),
      ...args,
    ];
    const child = spawn(command[0]!, command.slice(1), {
      cwd: root,
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
    child.stdin.end(options.stdin ?? '');
  });
}
