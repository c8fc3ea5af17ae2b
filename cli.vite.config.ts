import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * What every start-up runs, grouped into one chunk (`start-*.js`): the command framework (run.ts: parsing,
 * help, the command catalogue) and `latch get`'s fast path through the agent (agent-get.ts), with everything
 * they import statically. Left to automatic splitting these are a dozen files of a few hundred bytes, and
 * Node's module loader costs about half a millisecond per file: most of `latch --help`'s time beyond Node's own.
 * Commands and the libraries they need (zod, jose, otplib, SigV4...) stay in chunks of their own, loaded on use;
 * test/integration/cli/start-up.test.ts checks that none of them is reachable from this chunk.
 */
const START_ROOTS = ['main/cli/run.ts', 'main/cli/agent-get.ts', 'main/cli/helper-commands.ts'].map((p) =>
  resolve(import.meta.dirname, p),
);

type ModuleInfoOf = (id: string) => { importedIds: readonly string[]; isExternal?: boolean } | null;
let startModules: Set<string> | undefined;

function startChunk(id: string, getModuleInfo: ModuleInfoOf): string | null {
  if (!startModules) {
    startModules = new Set();
    const stack = [...START_ROOTS];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (startModules.has(next) || next.includes('/node_modules/')) continue;
      const info = getModuleInfo(next);
      if (!info || info.isExternal) continue;
      startModules.add(next);
      stack.push(...info.importedIds);
    }
  }
  return startModules.has(id) ? 'start' : null;
}

// The `latch` command line as ES modules for Node 20: out/cli/latch.mjs (bin/latch.mjs imports it).
// Node built-ins and every package stay external: they are installed next to it.
export default defineConfig({
  build: {
    ssr: 'main/cli/index.ts',
    target: 'node20',
    outDir: 'out/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      external: [...builtinModules, /^node:/, /^@napi-rs\//],
      output: {
        format: 'es',
        entryFileNames: 'latch.mjs',
        codeSplitting: {
          groups: [{ debugName: 'start', name: (id, ctx) => startChunk(id, (m) => ctx.getModuleInfo(m)) }],
        },
      },
    },
  },
  // zod is bundled so its 64 locale modules, which latch never uses, are tree-shaken away instead of loaded at start.
  ssr: { target: 'node', noExternal: ['zod'] },
});
