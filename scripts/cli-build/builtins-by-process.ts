import { builtinModules } from 'node:module';

/**
 * The CLI's chunks take Node's built-in modules from `process.getBuiltinModule` (Node 20.16+) instead of `require`.
 * Node 20's `require` of a built-in builds the module's ESM facade as well (compileForPublicLoader), which reads
 * every export once: `node:fs`'s lazy getters load `fs/promises` and the file streams, `node:util`'s the MIME parser,
 * `node:crypto`'s more of itself; none of which latch uses on those paths. Measured with callgrind (the main thread):
 * `node:crypto` from a CommonJS file, 12.2M instructions by `require`, 6.3M by `process.getBuiltinModule`; as an ES
 * import, about 6.5M of `latch --help`'s instructions were those facades.
 */
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

// A CommonJS chunk's require() of a module named by a string literal, as rolldown prints it.
const REQUIRE = /\brequire\("([^"]+)"\)/g;

/** The chunk's require() calls of built-ins as `process.getBuiltinModule(…)`; other requires left as they are. */
export function builtinsByProcess(code: string): string {
  const out = code.replace(REQUIRE, (call, from: string) =>
    BUILTINS.has(from) ? `process.getBuiltinModule(${JSON.stringify(from)})` : call,
  );
  // An ES import of a built-in (a chunk not built as CommonJS) stops the build rather than cost.
  for (const [line, from] of out.matchAll(/^(?:import|export) .*"([^"]+)";$/gm))
    if (BUILTINS.has(from!)) throw new Error(`builtinsByProcess: an import of a built-in it cannot read: ${line}`);
  return out;
}

/** The build plugin: each rendered chunk through builtinsByProcess. */
export function builtinsByProcessPlugin() {
  return {
    name: 'latch-builtins-by-process',
    renderChunk(code: string) {
      return { code: builtinsByProcess(code), map: null };
    },
  };
}
