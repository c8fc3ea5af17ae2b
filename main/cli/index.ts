#!/usr/bin/env node
// Entry point of `latch` (npm run latch -- ARGS in a checkout; bin/latch.mjs → out/cli/latch.mjs when built).
// Helpers and commands are imported when used, so a start-up loads only what its command needs.
import { homedir } from 'node:os';
import { endQuietlyWhenClosed } from './closed-output';
import { AGENT_COMMAND, CLEAR_CLIPBOARD_COMMAND, COMPLETE_COMMAND } from './helper-commands';
import type { CliIo } from './io';

const io: CliIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
};

endQuietlyWhenClosed([process.stdout, process.stderr], (code) => process.exit(code));

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
  const { runCli } = await import('./run');
  process.exitCode = await runCli(process.argv.slice(2), io);
}
