#!/usr/bin/env node
// Entry point of `latch` (npm run latch -- ARGS in a checkout; bin/latch.mjs → out/cli/latch.mjs when built).
import { homedir } from 'node:os';
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
});
process.exitCode = code;
