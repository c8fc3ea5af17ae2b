import { builtinModules } from 'node:module';

/**
 * The CLI's chunks take Node's built-in modules from `process.getBuiltinModule` (Node 20.16+) instead of `import`.
 * An ESM import of a built-in has Node build the module's ESM facade, which reads every export once: `node:fs`'s
 * lazy getters load `fs/promises` and the file streams, `node:util`'s the MIME parser, `node:crypto`'s more of
 * itself; none of which latch uses on those paths. Measured on `latch --help` (callgrind, the main thread, the mean of
 * six V8 seeds): about 6.5M of its instructions were those facades.
 */
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

// One import statement a line, as rolldown prints them at the top of a chunk.
const IMPORT = /^import (?:(\w+|\* as \w+)(?:, | ))?(?:\{([^}]*)\} )?(?:from )?"([^"]+)";$/gm;

function destructured(names: string): string {
  const parts = names
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .map((n) => n.replace(/^(\S+) as (\S+)$/, '$1: $2'));
  return `{ ${parts.join(', ')} }`;
}

/** The chunk's static imports of built-ins as `const … = process.getBuiltinModule(…)`; other imports left as they are. */
export function builtinsByProcess(code: string): string {
  const out = code.replace(IMPORT, (line, first: string | undefined, names: string | undefined, from: string) => {
    if (!BUILTINS.has(from)) return line;
    const get = `process.getBuiltinModule(${JSON.stringify(from)})`;
    // A default import and a namespace import are both the module's exports object.
    const whole = first?.replace(/^\* as /, '');
    const consts = [
      ...(whole ? [`const ${whole} = ${get};`] : []),
      ...(names !== undefined ? [`const ${destructured(names)} = ${whole ?? get};`] : []),
    ];
    return consts.length > 0 ? consts.join(' ') : `${get};`;
  });
  // Anything else that names a built-in (a form rolldown did not print before) stops the build rather than cost.
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
