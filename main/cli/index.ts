#!/usr/bin/env node
// Entry point of `latch` (npm run latch -- ARGS in a checkout; bin/latch.cjs -> out/cli/latch.cjs when built).
// `latch get --password-stdin` starts its key derivation here, before the rest of latch (start.ts) is even read
// (early-kdf.ts); `latch --help` is answered from the help chunk alone (quick-help.ts), and `latch totp --uri -` from
// the totp-uri chunk alone (quick-totp.ts); every other command only passes through. No top-level await: the start
// chunk may import what this file's chunk holds, and a module that waits on its own dynamic import of such a chunk
// never finishes.
import { startEarlyKdf } from './early-kdf';
import { generalHelpOnly } from './help-args';
import { plainTotpUri } from './totp-args';

const argv = process.argv.slice(2);
const early = startEarlyKdf(argv, {
  env: process.env,
  platform: process.platform,
  // Not imported: node:os is not among the modules Node has loaded at start (0.3 ms, about 3M instructions, to load
  // it), and the early start needs it only for the default vault's path. The start chunk loads it under the KDF.
  homedir: () => process.getBuiltinModule('node:os').homedir(),
  fd: 0,
});
const help = generalHelpOnly(argv);
const totp = help ? null : plainTotpUri(argv);
if (help)
  import('./quick-help').then(({ printGeneralHelp }) => {
    process.exitCode = printGeneralHelp(help, process, (code) => process.exit(code));
  });
else if (totp) import('./quick-totp').then(({ runTotpUri }) => runTotpUri(totp));
else import('./start').then(({ startLatch }) => startLatch(early));
