#!/usr/bin/env -S node --
// The installed `latch` command: runs the built command line (npm run build -> out/cli/latch.cjs).
// CommonJS, as the build is: an ES module as the main script, or an import() of one, has Node set up its ES module
// loader first (about 11M instructions, 3 ms), which `latch --help` and `latch totp --uri -` would pay on every run.
//
// The `--` in the shebang: Node 20 reads its own --env-file from the arguments after the script's name up to a
// `--` (nodejs/node#54232), so `latch exec --env-file .env` had Node load .env into latch itself, before any
// code here ran: a NODE_OPTIONS=--require line in a project's .env ran code inside the process that holds the
// vault key, a missing file was "node: .env: not found" (exit 9), and Node consumed a pipe (`<(...)`) first.
// After `node --` nothing is Node's. `env -S` splits "node --" into two arguments (GNU coreutils 8.30+, macOS,
// the BSDs; the kernel passes the whole rest of the line as one). `npm link` makes a symlink to this file, so
// the same line runs. On Windows, npm's cmd-shim (lib/index.js, its shebangExpr) reads `#!/usr/bin/env -S node
// --` as the program `node` with the arguments `--`, and its .cmd, .ps1 and sh shims run
// `node -- "...\bin\latch.cjs" %*`: the same protection. The two helpers (git-, docker-credential-latch) have
// the same line. BusyBox's env (Alpine) has no -S and stops with "invalid option" before Node starts; no other first
// line serves GNU env, BusyBox env and cmd-shim at once: docs/cli.md gives the BusyBox launchers and why.
// Required by its path as written, so a missing build is told from a missing chunk or package (whose message names it
// too, in its require stack).
const entry = `${__dirname}/../out/cli/latch.cjs`;
try {
  require(entry);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).startsWith(`Cannot find module '${entry}'`)) {
    console.error(
      'latch: the command line is not built yet. Run "npm run build" (or, in a checkout, "npm run latch -- ARGS").',
    );
    process.exit(1);
  }
  throw e;
}
