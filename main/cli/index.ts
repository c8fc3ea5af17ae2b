#!/usr/bin/env node
// Entry point of `latch` (npm run latch -- ARGS in a checkout; bin/latch.mjs -> out/cli/latch.mjs when built).
// `latch get --password-stdin` starts its key derivation here, before the rest of latch (start.ts) is even read
// (early-kdf.ts); every other command only passes through. No top-level await: the start chunk may import what
// this file's chunk holds, and a module that waits on its own dynamic import of such a chunk never finishes.
import { homedir } from 'node:os';
import { startEarlyKdf } from './early-kdf';

const early = startEarlyKdf(process.argv.slice(2), {
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
  fd: 0,
});
import('./start').then(({ startLatch }) => startLatch(early));
