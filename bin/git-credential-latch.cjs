#!/usr/bin/env -S node --
// `node --`: Node reads none of these arguments as its own (--env-file); see latch.cjs.
// git's credential helper by name: `git config credential.helper latch` makes git run
// `git-credential-latch get|store|erase [--allow-store]`; the same as `latch git-credential ...`.
const args = process.argv.slice(2);
if (args[0] === 'git-credential') args.shift();
process.argv.splice(2, process.argv.length, 'git-credential', ...args);
require('./latch.cjs');
