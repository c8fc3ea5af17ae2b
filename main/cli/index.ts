#!/usr/bin/env node
// Entry point of `latch` (npm run latch -- ARGS in a checkout; bin/latch.mjs → out/cli/latch.mjs when built).
import { homedir } from 'node:os';
import { CLEAR_CLIPBOARD_COMMAND, runClipboardClearer } from './clipboard-clearer';
import { runCli } from './run';

// The detached helper `latch copy` leaves behind to clear the clipboard later.
if (process.argv[2] === CLEAR_CLIPBOARD_COMMAND) process.exit(await runClipboardClearer(process.env));

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
});
process.exitCode = code;
