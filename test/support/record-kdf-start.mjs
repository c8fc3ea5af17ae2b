// `node --import ./test/support/record-loads.mjs --import ./test/support/record-kdf-start.mjs …`: appends a line
// "PBKDF2" to $LATCH_RECORD_LOADS when the process starts a PBKDF2 derivation, among the module URLs
// record-loads.mjs appends as they are resolved: a test can tell what loaded before the key derivation started.
import { appendFileSync } from 'node:fs';

const subtle = globalThis.crypto.subtle;
const deriveBits = subtle.deriveBits.bind(subtle);
subtle.deriveBits = (algorithm, ...rest) => {
  if (algorithm?.name === 'PBKDF2' && process.env.LATCH_RECORD_LOADS)
    appendFileSync(process.env.LATCH_RECORD_LOADS, 'PBKDF2\n');
  return deriveBits(algorithm, ...rest);
};
