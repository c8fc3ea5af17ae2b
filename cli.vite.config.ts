import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The `latch` command line as one ES module for Node 20: out/cli/latch.mjs (bin/latch.mjs imports it).
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
      output: { format: 'es', entryFileNames: 'latch.mjs' },
    },
  },
  // zod is bundled so its 64 locale modules, which latch never uses, are tree-shaken away instead of loaded at start.
  ssr: { target: 'node', noExternal: ['zod'] },
});
