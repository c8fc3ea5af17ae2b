// `node --import ./test/support/record-loads.mjs --import ./test/support/record-kdf-start.mjs …`: appends a line
// "PBKDF2" to $LATCH_RECORD_LOADS when the process starts a PBKDF2 derivation (WebCrypto's, as the open runs it, or
// node:crypto's, as the early start of `latch get --password-stdin` does), among the module URLs record-loads.mjs
// appends as they are resolved: a test can tell what loaded before the key derivation started.

import crypto from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const record = () => {
  if (process.env.LATCH_RECORD_LOADS) appendFileSync(process.env.LATCH_RECORD_LOADS, 'PBKDF2\n');
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
