import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { builtinsByProcessPlugin } from './scripts/cli-build/builtins-by-process';

/**
 * What every start-up runs, grouped into one chunk (`start-*.cjs`): the command framework (run.ts: parsing,
 * help, the command catalogue) and the fast path of `latch get` through the agent (agent-get.ts), with everything
 * they import statically. Left to automatic splitting these are a dozen files of a few hundred bytes, and Node's
 * module loader costs about half a millisecond per file: most of `latch --help`'s time beyond Node's own. exec's fast
 * path (agent-exec.ts: its arguments, env file and request; agent-exec-run.ts: node:child_process, masking) is
 * grouped the same way into `exec-start-*.cjs`, which only exec loads, and which imports from `start` only. (In the
 * start chunk, agent-exec.ts cost every other command about 10 KB to parse and saved exec no instructions: the
 * figures are in docs/cli.md.)
 * `latch totp --uri -` has a fast path the entry imports instead of the start chunk (quick-totp.ts): it and what the
 * command prints a code with (the URI parser, the codes, and otplib, bundled below) are one chunk, `totp-uri-*.cjs`;
 * the rest of the command (verify, a REF) is `totp-*.cjs`, which imports it.
 * `latch get` without the agent loads two more: `get-*.cjs`, the command with the vault code it runs up to the key
 * derivation (unlock, open, the container and index decoders), and `session-*.cjs`, the app's services with the
 * credential model and zod, which with-store.ts imports while the KDF runs. Split automatically they were 21 files
 * (each a resolve, a read and a compile; with zod and the model apart); grouped, get's run took 28M fewer instructions
 * on its main thread and 20M fewer on V8's helper threads (callgrind, 1,000 records). Other vault commands load the
 * same two chunks, for what they share with get.
 * Commands and the libraries they need (jose, otplib, SigV4...) stay in chunks of their own, loaded on use;
 * test/integration/cli/start-up.test.ts checks that none of them is reachable from the start chunks, and which
 * files `get`, `exec` and `totp --uri` load.
 */
const GROUPS = [
  // What the entry runs before it imports the start chunk: `latch get --password-stdin`'s early key derivation
  // (early-kdf.ts: the argv check, the header's KDF, stdin's first line, node:crypto). A chunk of its own, because
  // one the entry imported from the start chunk would have all of start read and compiled before the KDF begins.
  // It holds as well the small helpers the entry's fast paths share with the start chunk (stdin, the output, a failure's
  // message and exit code, a TOTP secret's Base32): in the start chunk, `totp --uri -` would load all of start for them;
  // in a chunk of their own, every command one file more. The start chunk loads this one anyway.
  {
    name: 'kick',
    roots: [
      'main/cli/early-kdf.ts',
      'main/cli/sync-output.ts',
      'main/cli/read-stdin.ts',
      'main/cli/failure.ts',
      'main/cli/output-text.ts',
      'main/cli/usage-error.ts',
      'main/core/platform.ts',
      'main/core/totp/base32.ts',
      'main/core/totp/secret-warning.ts',
    ],
  },
  // `latch totp --uri -` (quick-totp.ts): what the command prints a code with (totp-code.ts: the URI parser, the code
  // and otplib), which the entry imports instead of the start chunk; the totp command's chunk imports it from here.
  { name: 'totp-uri', roots: ['main/cli/quick-totp.ts'] },
  // `latch --help` and `latch` alone (quick-help.ts): the command catalogue and the help text, which the entry imports
  // instead of the start chunk; the start chunk imports it for runCli's help and loadCommand.
  { name: 'help', roots: ['main/cli/quick-help.ts'] },
  {
    name: 'start',
    roots: [
      'main/cli/start.ts',
      'main/cli/run.ts',
      'main/cli/agent-get.ts',
      'main/cli/early-unlock.ts',
      'main/cli/helper-commands.ts',
      // Small helpers many commands share (latch:// references, a secret option's source): a file each costs more to
      // load than its code does to parse; left to the exec or totp chunk, they would make totp load exec's code.
      'main/core/credentials/secret-reference.ts',
      'main/cli/secret-source.ts',
    ],
  },
  { name: 'exec-start', roots: ['main/cli/agent-exec.ts'] },
  { name: 'get', roots: ['main/cli/commands/get.ts'] },
  { name: 'session', roots: ['main/cli/session-services.ts'] },
  { name: 'totp', roots: ['main/cli/commands/totp.ts'] },
].map((g) => ({ name: g.name, roots: g.roots.map((p) => resolve(import.meta.dirname, p)) }));

type ModuleInfoOf = (id: string) => { importedIds: readonly string[]; isExternal?: boolean } | null;
let groupOf: Map<string, string> | undefined;

/** Each group's modules: what its roots import statically (from the project), less an earlier group's. */
function startChunk(id: string, getModuleInfo: ModuleInfoOf): string | null {
  if (!groupOf) {
    const modules = new Map<string, string>();
    for (const group of GROUPS) {
      const stack = [...group.roots];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (modules.has(next) || next.includes('/node_modules/')) continue;
        const info = getModuleInfo(next);
        if (!info || info.isExternal) continue;
        modules.set(next, group.name);
        stack.push(...info.importedIds);
      }
    }
    groupOf = modules;
  }
  return groupOf.get(id) ?? null;
}

// The `latch` command line as CommonJS for Node 20: out/cli/latch.cjs (bin/latch.cjs requires it), its chunks
// `.cjs` too, each dynamic import a require() once a promise settles. Not ES modules: with an ES module as its main
// script, or on its first import(), Node sets up its ES module loader (about 11M instructions, 3 ms, callgrind), which
// every command paid before any of latch ran; `latch totp --uri -` took 140M instructions so, 130M as CommonJS, against
// `node -e 0`'s 86M. The source stays ES modules; it must keep clear of top-level await and import.meta, which a
// CommonJS chunk cannot carry.
// Named `.cjs`, so Node reads them as CommonJS inside this "type": "module" package without a package.json lookup.
// Node built-ins and the packages not bundled below stay external: they are installed next to it.
export default defineConfig({
  // Node's built-ins from process.getBuiltinModule, without the ESM facade require() builds (builtins-by-process.ts).
  plugins: [builtinsByProcessPlugin()],
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
        format: 'cjs',
        entryFileNames: 'latch.cjs',
        chunkFileNames: 'assets/[name]-[hash].cjs',
        // Non-ASCII characters in strings and regular expressions as \u escapes: one such character (an ellipsis, an
        // arrow in a message) makes Node hand V8 the whole chunk as a two-byte string, which it decodes from UTF-8
        // and scans 16 bits a character; ASCII chunks are one-byte strings (12-16M fewer instructions for `get`).
        charset: 'ascii',
        // And no JSDoc, where the rest of them are (the source has it); V8 scans a comment as it scans code.
        comments: { jsdoc: false },
        codeSplitting: {
          // Earlier groups first: a later group's chunk imports from theirs, never the other way round.
          groups: GROUPS.map((g, i) => ({
            priority: GROUPS.length - i,
            name: (id, ctx) => (startChunk(id, (m) => ctx.getModuleInfo(m)) === g.name ? g.name : null),
          })),
        },
      },
    },
  },
  // zod is bundled so its 64 locale modules, which latch never uses, are tree-shaken away instead of loaded at start;
  // otplib's packages so `totp --uri` reads one file where it resolved and read five from node_modules; jose so
  // `get` reads its three small modules (a JWT's claims, for a token's expiry) inside the session chunk, without
  // resolving jose's package.json exports for each (12-15M fewer instructions), and its signer with jwt/sign.ts.
  ssr: { target: 'node', noExternal: ['zod', /^@otplib\//, 'jose'] },
});
