// `node --import ./test/support/record-loads.mjs …`: appends every module URL the process resolves to
// the file named by $LATCH_RECORD_LOADS, so a test can tell which libraries a command loaded.
// Two hooks, as Node 20 has two loaders: the ES loader's resolve hook (imports, and the main script, which `--import`
// has the ES loader run), and CommonJS's own resolution, which a require() does not pass through the ES hooks
// (the built command line is CommonJS, its chunks loaded by require).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = process.env.LATCH_RECORD_LOADS ?? '';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      const out = ${JSON.stringify(out)};
      export async function resolve(specifier, context, next) {
        const r = await next(specifier, context);
        if (out) appendFileSync(out, r.url + '\\n');
        return r;
      }`),
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const file = resolveFilename.apply(this, args);
  if (out && isAbsolute(file)) appendFileSync(out, `${pathToFileURL(file).href}\n`);
  return file;
};
