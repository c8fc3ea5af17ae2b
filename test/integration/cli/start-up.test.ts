import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli, type ToolEnv, toolEnv } from './tool-env';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The node_modules packages a `latch` run loaded (from source, as the built bundle splits the same way). */
function packagesLoaded(args: string[], name: string, env: Record<string, string> = {}): string[] {
  const out = join(dir, name);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-loads.mjs', 'main/cli/index.ts', ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LATCH_RECORD_LOADS: out, LATCH_NO_KEYCHAIN: '', ...env } },
  );
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(out, 'utf8').split('\n');
  const names = urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((n) => n !== undefined);
  return [...new Set(names)].filter((n) => n !== 'tsx' && n !== 'get-tsconfig' && n !== 'resolve-pkg-maps');
}

/**
 * The built files a file requires at its top level (what loading it loads), itself included. rolldown prints a
 * chunk's static imports as one `const require_x = require("./x.cjs");` a line, and its dynamic ones as
 * `Promise.resolve().then(() => require(...))` inside the code (dynamicImport).
 */
function staticClosure(file: string): string[] {
  const seen = new Set<string>();
  const walk = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/^(?:const \w+ = )?require\("(\.\.?\/[^"]+)"\);$/gm)) walk(join(path, '..', m[1]!));
  };
  walk(file);
  return [...seen];
}

/**
 * The first of `files` with a dynamic import matching `pattern` (its first group: the specifier), resolved to a path;
 * `lazy(…)` makes such a pattern.
 */
function dynamicImport(files: readonly string[], pattern: RegExp): string | undefined {
  for (const f of files) {
    const m = pattern.exec(readFileSync(f, 'utf8'));
    if (m) return join(f, '..', m[1]!);
  }
  return undefined;
}

/** A dynamic import (a require run once a promise settles) of the chunk `folder/name-HASH.cjs`, its path the group. */
const lazy = (folder: string, name: string) =>
  new RegExp(`\\.then\\(\\(\\) => require\\("(${`${folder}/${name}-`.replaceAll('.', '\\.')}[^"]+)"\\)`);

/**
 * What every run of the built latch loads: the entry and the early-KDF chunk it imports statically (early-kdf.ts), then
 * the start chunk it imports once the early start is done (start.ts), each with what it imports statically.
 */
function startClosure(): string[] {
  const entry = staticClosure(join(root, 'out/cli/latch.cjs'));
  const start = dynamicImport(entry, lazy('./assets', 'start'));
  expect(start).toBeDefined();
  return [...new Set([...entry, ...staticClosure(start!)])];
}

/** A vault holding the API key Stripe/live, unlocked through the agent. */
async function apiKeyThroughAgent(name: string, value: string): Promise<ToolEnv> {
  const t = await toolEnv(name);
  const add = await t.withPassword(
    ['add', 'Stripe', '--kind', 'api-key', '--name', 'live', '--field', 'header=X-Key', '--field', 'value=-'],
    `${value}\n`,
  );
  expect(add.code, add.stderr).toBe(0);
  await t.unlock();
  return t;
}

/** The vault of the built fast-path tests, made (and unlocked through the agent) once for both. */
let built: Promise<ToolEnv> | undefined;
const builtThroughAgent = () => {
  built ??= apiKeyThroughAgent('fastpath', 'sk_fast');
  return built;
};
afterAll(async () => (await built)?.close());

/** zod's own class, the credential model, the keychain addon, a command's module, the vault decoder. */
function expectLight(text: string): void {
  for (const marker of [
    'ZodError',
    'CredentialFieldsByKind',
    'require("@napi-rs/keyring")',
    'var getCommand',
    'function decryptIndex',
  ])
    expect(text, marker).not.toContain(marker);
}

/** A run of the built latch, and the latch files it loaded (sorted): the built bundle's own splitting. */
function recordBuiltLoads(args: string[], name: string, env: Record<string, string>, input = '') {
  const out = join(dir, name);
  const r = spawnSync(
    process.execPath,
    ['--import', './test/support/record-loads.mjs', join(root, 'bin/latch.cjs'), ...args],
    { cwd: root, encoding: 'utf8', input, env: { ...process.env, ...env, LATCH_RECORD_LOADS: out } },
  );
  const urls = [...new Set(readFileSync(out, 'utf8').split('\n'))].filter((u) => u.startsWith('file:'));
  return { ...r, loaded: urls.map((u) => new URL(u).pathname).sort() };
}

const HEAVY = ['zod', 'jose', 'otplib', '@smithy/signature-v4', '@napi-rs/keyring', 'oauth4webapi'];

describe('start-up loads only what the command needs', () => {
  it('latch --help loads none of zod, SigV4, jose, otplib, oauth4webapi or the keychain addon', () => {
    const loaded = packagesLoaded(['--help'], 'help');
    expect(loaded.filter((n) => HEAVY.some((h) => n.startsWith(h.split('/')[0]!)))).toEqual([]);
  });

  it("latch totp --uri loads otplib's packages on node:crypto only: no noble hashes, zod, SigV4, jose or keychain addon", () => {
    const loaded = packagesLoaded(
      ['totp', '--insecure-argv', '--uri', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
      'totp',
    );
    // Not the `otplib` facade, whose entry loads the noble hashes and the Base32 plugin whatever the caller passes.
    expect(loaded.sort()).toEqual([
      '@otplib/core',
      '@otplib/hotp',
      '@otplib/plugin-crypto-node',
      '@otplib/totp',
      '@otplib/uri',
    ]);
  });

  it('the built latch --help loads the entry, the early-KDF chunk and the help chunk only: not the start chunk', () => {
    buildCli();
    const entry = staticClosure(join(root, 'out/cli/latch.cjs'));
    const help = dynamicImport(entry, lazy('./assets', 'help'));
    expect(help).toBeDefined();
    const chunks = [...new Set([...entry, ...staticClosure(help!)])];
    expect(chunks.map((f) => basename(f).replace(/-[\w-]{8}\.cjs$/, '')).sort()).toEqual([
      'help',
      'kick',
      'latch.cjs',
      'rolldown-runtime',
    ]);
    const expected = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { cwd: root, encoding: 'utf8' });
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      const r = recordBuiltLoads(args, `builthelp${args.length}${args[0] ?? ''}`, {});
      const source = expected(args);
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, args.join(' ')).toEqual({
        status: source.status,
        stdout: source.stdout,
        stderr: source.stderr,
      });
      expect(r.loaded, args.join(' ')).toEqual([join(root, 'bin/latch.cjs'), ...chunks].sort());
    }
  });

  it('the built latch totp --uri - loads the entry, the early-KDF chunk and the totp-uri chunk only: not the start chunk, no package, zod, model, vault code or keychain addon', () => {
    buildCli();
    const entry = staticClosure(join(root, 'out/cli/latch.cjs'));
    // The entry's import of its fast path (quick-totp.ts), and what that chunk loads statically.
    const quick = dynamicImport(entry, lazy('./assets', 'totp-uri'));
    expect(quick).toBeDefined();
    const chunks = [...new Set([...entry, ...staticClosure(quick!)])];
    expect(chunks.map((f) => basename(f).replace(/-[\w-]{8}\.cjs$/, '')).sort()).toEqual([
      'kick',
      'latch.cjs',
      'rolldown-runtime',
      'totp-uri',
    ]);
    const text = chunks.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('function printTotpFromStdin(');
    // The module's path comment is relative to the checkout: ../../main/node_modules/... in a worktree that links it.
    expect(text, 'otplib on node:crypto, bundled').toMatch(
      /^\/\/ (?:\S*\/)?node_modules\/@otplib\/plugin-crypto-node\//m,
    );
    expect(text).not.toMatch(/@noble\/hashes|@scure\/base|plugin-crypto-noble|require\("(otplib|@otplib\/[^"]+)"\)/);
    expectLight(text);
    expect(text, 'the command framework').not.toContain('function runCli(');

    const r = recordBuiltLoads(
      ['totp', '--uri', '-', '--at', '59'],
      'builttotp',
      {},
      'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8\n',
    );
    expect(r.stderr).toBe('');
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: '94287082\n' }); // RFC 6238, SHA1, T=59
    expect(r.loaded).toEqual([join(root, 'bin/latch.cjs'), ...chunks].sort());
  });

  it('the built latch totp --uri - answers as the command framework does: a pipe, 10 MB, empty, /dev/null', () => {
    buildCli();
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const devNull = openSync('/dev/null', 'r');
    try {
      const cases: [string[], string | 'dev-null'][] = [
        [['totp', '--uri', '-', '--at', '59'], `otpauth://totp/x?secret=${secret}&digits=8\n`],
        [
          ['totp', '--uri', '-', '--at', '59', '--json'],
          `otpauth://totp/x?secret=${secret}&algorithm=SHA512&period=60\n`,
        ],
        [['totp', '--uri', '-', '--at', '59'], 'otpauth://totp/x?secret=JBSWY3DP\n'],
        [['totp', '--uri', '-', '--at', '59'], 'https://example.com\n'],
        [['totp', '--uri', '-', '--at', 'soon'], `otpauth://totp/x?secret=${secret}\n`],
        [['totp', '--uri', '-'], `otpauth://totp/x?secret=${secret}&x=${'a'.repeat(10 * 1024 * 1024)}`],
        [['totp', '--uri', '-'], ''],
        [['totp', '--uri', '-'], 'dev-null'],
      ];
      for (const [args, input] of cases) {
        const options = {
          cwd: root,
          encoding: 'utf8' as const,
          maxBuffer: 1024 * 1024,
          ...(input === 'dev-null' ? { stdio: [devNull, 'pipe', 'pipe'] as ('pipe' | number)[] } : { input }),
        };
        const quick = spawnSync(process.execPath, [join(root, 'bin/latch.cjs'), ...args], options);
        const ordinary = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'test/support/ordinary-latch.ts', ...args],
          options,
        );
        const label = `${args.join(' ')} < ${input.slice(0, 40)}`;
        expect({ status: quick.status, stdout: quick.stdout, stderr: quick.stderr }, label).toEqual({
          status: ordinary.status,
          stdout: ordinary.stdout,
          stderr: ordinary.stderr,
        });
      }
    } finally {
      closeSync(devNull);
    }
  });

  it('latch get of an API key through the agent loads no OAuth client, SigV4 or whole jose (the audit and refresh load on use)', async () => {
    const t = await apiKeyThroughAgent('startup', 'sk_startup');
    try {
      const loaded = packagesLoaded(['get', 'Stripe/live'], 'get', t.env);
      expect(
        loaded.filter((n) => ['oauth4webapi', '@smithy', '@aws-crypto', '@napi-rs', 'otplib'].includes(n)),
      ).toEqual([]);
      expect(readFileSync(join(dir, 'get'), 'utf8')).not.toMatch(/jose\/dist\/webapi\/index\.js/);
    } finally {
      await t.close();
    }
  });

  it('the built latch get through the agent loads only the start chunk: no zod, model, vault code, keychain addon or command', async () => {
    const t = await builtThroughAgent();
    // What every run loads: the entry, the early-KDF and start chunks cli.vite.config.ts groups the start-up into.
    const closure = startClosure();
    const text = closure.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('function getThroughAgent(');
    expectLight(text);

    const r = recordBuiltLoads(['get', 'Stripe/live'], 'fastget', t.env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('sk_fast\n');
    // The agent answered: the ordinary get would have loaded its command, the session and the vault chunks.
    expect(r.loaded).toEqual([join(root, 'bin/latch.cjs'), ...closure].sort());
  });

  it('the built latch get reaches the key derivation without zod or the app layer, which load while the KDF runs', () => {
    buildCli();
    // The get command's chunk (loaded by the catalogue's dynamic import) and everything it loads statically: what
    // runs before the KDF starts. The app's services (and zod, the credential model) come by the dynamic import
    // with-store.ts starts once the KDF is running (open.ts's whileDeriving), so they evaluate under it.
    const start = startClosure()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const get = lazy('.', 'get').exec(start)?.[1];
    expect(get).toBeDefined();
    const closure = staticClosure(join(root, 'out/cli/assets', get!));
    const text = closure.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('var getCommand');
    expect(text).toContain('async function unlockVault(');
    expect(text).toContain('async function passwordKek(');
    expect(text).toMatch(lazy('.', 'session'));
    for (const marker of ['ZodError', 'CredentialFieldsByKind', 'function openCliSession(', 'var ServiceStore = class'])
      expect(text, marker).not.toContain(marker);
    // The markers are real: the dynamically loaded services hold them.
    const services = lazy('.', 'session').exec(text)![1]!;
    const later = staticClosure(join(root, 'out/cli/assets', services))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const marker of ['ZodError', 'function openCliSession(', 'var ServiceStore = class'])
      expect(later, marker).toContain(marker);
    // jose's signer loads only when something signs (jwt/sign.ts, apart from the claims check validation uses).
    expect(later).not.toContain('var SignJWT');
    const assets = join(root, 'out/cli/assets');
    expect(readdirSync(assets).some((f) => readFileSync(join(assets, f), 'utf8').includes('var SignJWT'))).toBe(true);
  });

  it('the built chunks are ASCII: one other character has V8 decode and scan a whole chunk as two-byte text', () => {
    buildCli();
    const out = join(root, 'out/cli');
    const files = [join(out, 'latch.cjs'), ...readdirSync(join(out, 'assets')).map((f) => join(out, 'assets', f))];
    const others = files.filter((f) => /[\u0080-\uffff]/.test(readFileSync(f, 'utf8')));
    expect(others).toEqual([]);
  });

  it("the built chunks take Node's built-ins from process.getBuiltinModule: a require builds the module's ESM facade, which reads every export", () => {
    buildCli();
    const out = join(root, 'out/cli');
    const files = [join(out, 'latch.cjs'), ...readdirSync(join(out, 'assets')).map((f) => join(out, 'assets', f))];
    const requires = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].filter((m) =>
        builtinModules.includes(m[1]!.replace(/^node:/, '')),
      ),
    );
    expect(requires.map((m) => m[0])).toEqual([]);
    expect(files.some((f) => readFileSync(f, 'utf8').includes('process.getBuiltinModule("node:crypto")'))).toBe(true);
  });

  it('the built latch get --password-stdin starts PBKDF2 before it loads any file beyond the entry and the early-KDF chunk', async () => {
    const t = await toolEnv('earlykdf');
    try {
      const add = await t.withPassword(
        ['add', 'Stripe', '--kind', 'api-key', '--name', 'live', '--field', 'header=X-Key', '--field', 'value=-'],
        'sk_early\n',
      );
      expect(add.code, add.stderr).toBe(0);
      const out = join(dir, 'earlykdf');
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          './test/support/record-loads.mjs',
          '--import',
          './test/support/record-kdf-start.mjs',
          join(root, 'bin/latch.cjs'),
          'get',
          'Stripe/live',
          '--password-stdin',
        ],
        {
          cwd: root,
          encoding: 'utf8',
          input: `${t.password}\n`,
          env: { ...process.env, ...t.env, LATCH_RECORD_LOADS: out },
        },
      );
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        status: 0,
        stdout: 'sk_early\n',
        stderr: '',
      });
      const lines = readFileSync(out, 'utf8').split('\n');
      const kdf = lines.indexOf('PBKDF2');
      expect(lines.lastIndexOf('PBKDF2'), 'one derivation').toBe(kdf);
      // The vault is named (LATCH_VAULT), so the early start has no use for the home folder: node:os loads after.
      expect(lines.slice(0, kdf)).not.toContain('node:os');
      expect(lines[kdf + 1]).toBe('os loaded: false');
      const before = [
        ...new Set(lines.slice(0, kdf).filter((u) => u.startsWith('file:') && !u.includes('/test/support/'))),
      ].map((u) => new URL(u).pathname);
      const after = lines
        .slice(kdf)
        .filter((u) => u.startsWith('file:'))
        .map((u) => new URL(u).pathname);
      // The start chunk, the get command, the vault code and the app's services all load while the KDF runs.
      const entry = staticClosure(join(root, 'out/cli/latch.cjs'));
      expect(entry.map((f) => basename(f).replace(/-[\w-]{8}\.cjs$/, '')).sort()).toEqual(['kick', 'latch.cjs']);
      expect(before.sort()).toEqual([join(root, 'bin/latch.cjs'), ...entry].sort());
      expect(after.some((f) => /\/start-[^/]+\.cjs$/.test(f))).toBe(true);
      expect(after.some((f) => /\/get-[^/]+\.cjs$/.test(f))).toBe(true);
      // In two chunks (cli.vite.config.ts), not the 21 files automatic splitting made; since the start chunk is loaded
      // dynamically too, its dynamic imports reach them without a one-line facade each.
      const started = startClosure();
      const chunks = [
        ...new Set(after.filter((f) => f.startsWith(join(root, 'out/cli/')) && !started.includes(f))),
      ].map((f) => basename(f).replace(/-[\w-]{8}\.cjs$/, ''));
      expect(chunks.sort()).toEqual(['get', 'session']);
      // jose's modules are bundled into them: no package is resolved and read from node_modules.
      expect(after.filter((f) => f.includes('/node_modules/'))).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the built latch exec through the agent loads only the start and exec-start chunks: no zod, model, vault code, keychain addon or command', async () => {
    const t = await builtThroughAgent();
    // index.ts's one dynamic import for exec (agent-exec.ts, the exec-start chunk), and what it loads statically.
    const start = startClosure();
    const startText = start.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(startText, "exec's fast path is not parsed by every command").not.toContain('function execThroughAgent(');
    expect(startText).not.toContain('"node:child_process"');
    const execStart = dynamicImport(start, lazy('.', 'exec-start'));
    expect(execStart).toBeDefined();
    const closure = [...new Set([...start, ...staticClosure(execStart!)])];
    const text = closure.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('function execThroughAgent(');
    expect(text).toContain('function runThroughAgent(');
    expectLight(text);
    expect(text, 'the ordinary exec command').not.toContain('var execCommand');

    const child = "process.stdout.write(process.env.K === 'sk_fast' ? 'in env' : 'missing'); process.exit(5)";
    const r = recordBuiltLoads(
      ['exec', '--env', 'K=latch://Stripe/live', '--', process.execPath, '-e', child],
      'fastexec',
      t.env,
    );
    expect(r.stderr).toBe('');
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 5, stdout: 'in env' });
    expect(r.loaded).toEqual([join(root, 'bin/latch.cjs'), ...closure].sort());
  });
});
