#!/usr/bin/env -S node --
// `node --`: Node reads none of these arguments as its own (--env-file); see latch.cjs.
// Docker's credential helper by name: "credsStore": "latch" in ~/.docker/config.json makes Docker run
// `docker-credential-latch get|store|erase|list`; the same as `latch docker-credential ...`.
process.argv.splice(2, process.argv.length, 'docker-credential', ...process.argv.slice(2));
require('./latch.cjs');
