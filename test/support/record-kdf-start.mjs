// `node --import ./test/support/record-loads.mjs --import ./test/support/record-kdf-start.mjs …`: appends a line
// "PBKDF2" (and whether node:os had loaded by then) to $LATCH_RECORD_LOADS when the process starts a PBKDF2 derivation (WebCrypto's, as the open runs it, or
// node:crypto's, as the early start of `latch get --password-stdin` does), among the module URLs record-loads.mjs
// appends as they are resolved: a test can tell what loaded before the key derivation started.

import crypto from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

// Built-ins taken through process.getBuiltinModule (the CLI's chunks do: scripts/cli-build) pass no resolve hook,
// so whether node:os had loaded is read from Node's own list when the derivation starts.
const record = () => {
  const os = process.moduleLoadList.includes('NativeModule os');
  if (process.env.LATCH_RECORD_LOADS) appendFileSync(process.env.LATCH_RECORD_LOADS, `PBKDF2\nos loaded: ${os}\n`);
};
const subtle = globalThis.crypto.subtle;
const deriveBits = subtle.deriveBits.bind(subtle);
subtle.deriveBits = (algorithm, ...rest) => {
  if (algorithm?.name === 'PBKDF2') record();
  return deriveBits(algorithm, ...rest);
};
const pbkdf2 = crypto.pbkdf2;
crypto.pbkdf2 = (...args) => {
  record();
  return pbkdf2(...args);
};
// `import { pbkdf2 } from 'node:crypto'` in the built chunk: its named export follows the patched property.
syncBuiltinESMExports();
