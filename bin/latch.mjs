#!/usr/bin/env node
// The installed `latch` command: runs the built command line (npm run build → out/cli/latch.mjs).
const entry = new URL('../out/cli/latch.mjs', import.meta.url);
try {
  await import(entry.href);
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('out/cli/latch.mjs')) {
    console.error(
      'latch: the command line is not built yet. Run "npm run build" (or, in a checkout, "npm run latch -- ARGS").',
    );
    process.exit(1);
  }
  throw e;
}
