// `node --import ./test/support/record-loads.mjs …`: appends every module URL the process resolves to
// the file named by $LATCH_RECORD_LOADS, so a test can tell which libraries a command loaded.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      const out = ${JSON.stringify(process.env.LATCH_RECORD_LOADS ?? '')};
      export async function resolve(specifier, context, next) {
        const r = await next(specifier, context);
        if (out) appendFileSync(out, r.url + '\\n');
        return r;
      }`),
);
