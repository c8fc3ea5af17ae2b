import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LatchError } from '../model/errors';
import { exitCodeOf } from './exit-code';
import { SecretMasker } from './secret-masker';
import { inTerminalForeground } from './terminal-foreground';

export interface RunCommandOptions {
  command: string;
  args: readonly string[];
  /** Added to (and overriding) the inherited environment. */
  env: Record<string, string>;
  /** Masked wherever they appear in the command's stdout and stderr. */
  secrets: readonly string[];
  /** Default: this process's environment. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Default: this process's stdin is inherited (so a TTY stays a TTY). A stream is piped in. */
  stdin?: Readable | 'inherit';
  stdout: Writable;
  stderr: Writable;
  cwd?: string;
  /**
   * Signals forwarded to the child while it runs (default SIGINT, SIGTERM, SIGHUP); SIGINT not while the child is
   * in a terminal's foreground group (the terminal sent it to the child too).
   */
  forwardSignals?: readonly NodeJS.Signals[];
  /** Default inTerminalForeground; asked of the child's pid when a SIGINT arrives. */
  inTerminalForeground?: (pid: number) => boolean | undefined;
}

/**
 * Runs a command with secrets in its environment only: never in its arguments (which other
 * users can read in the process list), never through a shell. Its output passes through a
 * masker per stream. Resolves to the exit code (128 + n for signal n; 127 when the command is
 * not found, 126 when it cannot be run, as a shell would).
 */
export function runCommand(o: RunCommandOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(o.command, [...o.args], {
      env: { ...(o.baseEnv ?? process.env), ...o.env },
      stdio: [o.stdin === undefined || o.stdin === 'inherit' ? 'inherit' : 'pipe', 'pipe', 'pipe'],
      ...(o.cwd ? { cwd: o.cwd } : {}),
    });
    const signals = o.forwardSignals ?? (['SIGINT', 'SIGTERM', 'SIGHUP'] as const);
    const foreground = o.inTerminalForeground ?? inTerminalForeground;
    const forward = (signal: NodeJS.Signals) => {
      // Ctrl-C: the terminal sends SIGINT to its whole foreground group, the child (started in ours) included. A
      // second copy from us is a second Ctrl-C to the many programs that stop at once on it (terraform, its
      // state lock still held; docker compose). The child's group is asked, not ours: a child that moved to a
      // group of its own (timeout(1), setsid) gets no Ctrl-C from the terminal but ours. A SIGINT sent to latch
      // alone (kill, a supervisor) while latch is not at a terminal is passed on.
      if (signal === 'SIGINT' && child.pid !== undefined && foreground(child.pid) === true) return;
      child.kill(signal);
    };
    for (const s of signals) process.on(s, forward);
    const cleanup = () => {
      for (const s of signals) process.off(s, forward);
    };

    if (o.stdin !== undefined && o.stdin !== 'inherit' && child.stdin) {
      o.stdin.pipe(child.stdin);
      child.stdin.on('error', () => undefined); // the child may exit without reading it all
    }
    const pipes = [
      { from: child.stdout, to: o.stdout },
      { from: child.stderr, to: o.stderr },
    ].map(({ from, to }) => {
      const masker = new SecretMasker(o.secrets);
      return new Promise<void>((done) => {
        if (!from) {
          done();
          return;
        }
        from.on('data', (chunk: Buffer) => {
          const out = masker.push(chunk);
          // A reader slower than the command (a pager, a slow pipe) holds the command back, as a plain pipe
          // would: otherwise all it writes waits here, in memory, however much that is.
          if (out.length > 0 && !to.write(out)) {
            from.pause();
            to.once('drain', () => from.resume());
          }
        });
        from.on('end', () => {
          const rest = masker.flush();
          if (rest.length > 0) to.write(rest);
          done();
        });
        from.on('error', () => done());
      });
    });

    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    child.on('close', async (code, signal) => {
      cleanup();
      await Promise.all(pipes);
      if (spawnError !== null) {
        const e: NodeJS.ErrnoException = spawnError;
        if (e.code === 'ENOENT') {
          o.stderr.write(`latch exec: ${o.command}: command not found\n`);
          resolve(127);
          return;
        }
        if (e.code === 'EACCES') {
          o.stderr.write(`latch exec: ${o.command}: permission denied\n`);
          resolve(126);
          return;
        }
        reject(new LatchError('ERR_INTERNAL', `The command could not be started (${e.code ?? 'spawn error'}).`));
        return;
      }
      resolve(exitCodeOf(code, signal));
    });
  });
}
