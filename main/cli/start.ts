// What `latch` runs once the entry (index.ts) has started `latch get --password-stdin`'s key derivation, if it is that.
// Commands and helpers are imported when used, so a start-up loads only what its command needs. The command
// framework (run.ts) and the fast path of `latch get` (agent-get.ts) are imported statically: every ordinary run
// needs one of them, and the build puts them in one chunk with this file's other imports (cli.vite.config.ts),
// which a dynamic import would reach only through one more file. exec's fast path has a chunk of its own.
import { homedir } from 'node:os';
import { getThroughAgent } from './agent-get';
import { endQuietlyWhenClosed } from './closed-output';
import type { EarlyKdf } from './early-kdf';
import { takeOverEarly } from './early-unlock';
import { exitOnceWritten } from './exit-once-written';
import { AGENT_COMMAND, CLEAR_CLIPBOARD_COMMAND, COMPLETE_COMMAND } from './helper-commands';
import type { CliIo } from './io';
import { runCli } from './run';

export async function startLatch(early: EarlyKdf | undefined): Promise<void> {
  let stdinMade = false;
  const io: CliIo = {
    // Made on first use: most runs never read stdin, and a pipe's stream costs a few milliseconds to set up.
    get stdin() {
      stdinMade = true;
      return process.stdin;
    },
    stdinFd: () => (stdinMade ? undefined : 0),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
  };

  endQuietlyWhenClosed([process.stdout, process.stderr], (code) => process.exit(code), process.stderr);

  // Hidden entry points: the clipboard clearer of `latch copy` and the agent of `latch unlock --for` (processes latch
  // starts itself), and the completion scripts' call back.
  if (process.argv[2] === CLEAR_CLIPBOARD_COMMAND) {
    const { runClipboardClearer } = await import('./clipboard-clearer');
    process.exit(await runClipboardClearer(process.env));
  } else if (process.argv[2] === AGENT_COMMAND) {
    const { runAgentProcess } = await import('./agent-process');
    process.exit(await runAgentProcess(io));
  } else if (process.argv[2] === COMPLETE_COMMAND) {
    // Shell completion calls back on every Tab: straight to it, without the command framework.
    const { runCompletion } = await import('./completion/complete');
    process.exit(await runCompletion(process.argv.slice(3), io));
  } else {
    const argv = process.argv.slice(2);
    // `latch get` and `latch exec` through the unlock agent: straight to it, without the command framework
    // (agent-get.ts; agent-exec.ts, loaded only for exec with its child process and masking code).
    const fast =
      (argv.includes('get') ? await getThroughAgent(argv, io) : undefined) ??
      (argv.includes('exec') ? await (await import('./agent-exec')).execThroughAgent(argv, io) : undefined);
    // A fast path has nothing left running once its output is out: it ends there, without Node's wind-down.
    if (fast !== undefined) exitOnceWritten(fast, [io.stdout, io.stderr], (code) => process.exit(code));
    else {
      // `latch get --password-stdin`: the key derivation started before this file loaded (early-kdf.ts).
      const code = await runCli(argv, io, { early: await takeOverEarly(early, io) });
      // An early start is get's plain shapes only, and get has awaited all it does (the vault locked, a renewed
      // token saved) once runCli returns: it ends as the fast paths do, about 1 ms sooner than by the wind-down.
      if (early !== undefined) exitOnceWritten(code, [io.stdout, io.stderr], (c) => process.exit(c));
      else process.exitCode = code;
    }
  }
}
