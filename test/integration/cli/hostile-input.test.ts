/**
 * The command line against hostile input (issue 18's audit): Node's own --env-file must not read latch's
 * arguments, and no input (stdin, an env file, a template, an HTTP answer) is read past its limit.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRole } from '../../../main/core/integrations/sts-assume-role';
import { buildCli } from './built-cli';
import { type LatchRun, runProgram } from './run-latch';

const ROOT = join(import.meta.dirname, '../../..');
const BINS = ['latch', 'git-credential-latch', 'docker-credential-latch'] as const;
const dir = mkdtempSync(join(tmpdir(), 'latch-hostile-'));
/** No vault and no keychain: nothing here gets that far. */
const env = { LATCH_VAULT: join(dir, 'none.latch'), LATCH_NO_KEYCHAIN: '1' };
/** What `npm link` installs on a POSIX system: a symlink to bin/*.cjs, run through its shebang. */
const linked = (bin: (typeof BINS)[number]) => join(dir, 'bin', bin);

beforeAll(() => {
  buildCli();
  spawnSync('mkdir', [join(dir, 'bin')]);
  for (const bin of BINS) symlinkSync(join(ROOT, 'bin', `${bin}.cjs`), linked(bin));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (command: string[], stdin = '') => runProgram(command, { env, stdin, cwd: dir });

const found = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
const BUSYBOX = found('busybox');
if (!BUSYBOX)
  console.warn('hostile-input: the BusyBox checks skipped: busybox is not installed (apt-get install busybox).');
/** npm's own cmd-shim, the one that writes the Windows shims of an installed package's bins (next to npm-cli.js). */
const NPM = found('npm');
const CMD_SHIM = NPM ? join(dirname(realpathSync(NPM)), '../node_modules/cmd-shim') : '';
if (!existsSync(CMD_SHIM)) console.warn("hostile-input: the Windows shim check skipped: npm's cmd-shim is not found.");

/** A project's .env whose NODE_OPTIONS would make Node run a file (it writes a marker) inside the process it starts. */
function evilDotenv(name: string): { dotenv: string; marker: string } {
  const marker = join(dir, `${name}-ran`);
  const evil = join(dir, `${name}.cjs`);
  writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, String(process.pid));\n`);
  const dotenv = join(dir, `${name}.env`);
  writeFileSync(dotenv, `NODE_OPTIONS=--require ${evil}\n`);
  return { dotenv, marker };
}

/** Runs a command with stdin from a file (/dev/zero), and the child's peak memory (python's getrusage). */
function withStdinFrom(path: string, command: string[]): Promise<LatchRun & { peakMiB: number }> {
  const script = [
    'import json, resource, subprocess, sys',
    'p = subprocess.run(sys.argv[2:], stdin=open(sys.argv[1], "rb"), capture_output=True, timeout=50)',
    'print(json.dumps({"code": p.returncode, "stdout": p.stdout.decode(), "stderr": p.stderr.decode(), "kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script, path, ...command], { env: { ...process.env, ...env }, cwd: dir });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => {
      const r = JSON.parse(out) as { code: number; stdout: string; stderr: string; kib: number };
      resolve({ code: r.code, stdout: r.stdout, stderr: r.stderr, peakMiB: r.kib / 1024 });
    });
  });
}

describe("the installed entry points: Node's own options never come from latch's arguments", () => {
  it('a missing --env-file is latch’s own error, from every bin (Node said "node: /missing: not found", exit 9)', async () => {
    const missing = join(dir, 'missing.env');
    const runs = await Promise.all([
      run([linked('latch'), 'exec', '--env-file', missing, '--', 'true']),
      run([join(ROOT, 'bin/latch.cjs'), 'exec', '--env-file', missing, '--', 'true']),
      run([linked('git-credential-latch'), '--env-file', missing, 'get']),
      run([linked('docker-credential-latch'), '--env-file', missing, 'get']),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).not.toBe(9);
      expect(r.stderr).toMatch(/^latch: /);
      expect(r.stderr).not.toContain('node:');
    }
    expect(runs[0]).toEqual({ code: 1, stdout: '', stderr: `latch: Cannot read the env file ${missing} (ENOENT).\n` });
    expect(runs[2]!.code).toBe(2); // an option git-credential does not take
    expect(runs[3]!.code).toBe(2);
  });

  it('an env file that is a FIFO (as `--env-file <(…)` is) is read by latch, not consumed by Node first', async () => {
    const fifo = join(dir, 'env.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf 'A=from-the-fifo\\n' > "${fifo}"`]);
    const written = new Promise((r) => writer.on('close', r));
    const r = await run([linked('latch'), 'exec', '--env-file', fifo, '--', 'sh', '-c', 'printf %s "$A"']);
    expect(r).toEqual({ code: 0, stdout: 'from-the-fifo', stderr: '' });
    expect(await written).toBe(0);
  });

  it('a NODE_OPTIONS line in a project’s .env reaches the child only: latch (holding the secrets) loads nothing', async () => {
    const { dotenv, marker } = evilDotenv('project');
    const evil = join(dir, 'project.cjs');
    const r = await run([linked('latch'), 'exec', '--env-file', dotenv, '--', 'sh', '-c', 'printf %s "$NODE_OPTIONS"']);
    expect(r).toEqual({ code: 0, stdout: `--require ${evil}`, stderr: '' });
    expect(existsSync(marker)).toBe(false);
  });

  it("exec's error for a bad line says nothing was run (not imported)", async () => {
    const bad = join(dir, 'bad.env');
    writeFileSync(bad, 'A=1\nnot an assignment\n');
    const r = await run([linked('latch'), 'exec', '--env-file', bad, '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Line 2 of the env file ${bad}`);
    expect(r.stderr).toContain('Nothing was run');
    expect(r.stderr).not.toContain('imported');
  });
});

describe('the shebang under BusyBox env (Alpine) and npm’s Windows shims (docs/cli.md, "The installed entry points")', () => {
  it.runIf(BUSYBOX)(
    'through BusyBox’s env, as the kernel runs the first line, each bin stops before Node starts',
    async () => {
      for (const bin of BINS) {
        // Linux gives the interpreter the rest of the line as one argument (binfmt_script): env gets "-S node --".
        const [interpreter, ...rest] = readFileSync(join(ROOT, 'bin', `${bin}.cjs`), 'utf8')
          .split('\n')[0]!
          .slice(2)
          .split(' ');
        expect(interpreter).toBe('/usr/bin/env');
        const { dotenv, marker } = evilDotenv(`busybox-${bin}`);
        const r = await run([BUSYBOX, 'env', rest.join(' '), linked(bin), '--env-file', dotenv, 'exec', '--', 'true']);
        expect(r.code, bin).toBe(1);
        expect(r.stderr).toContain("env: invalid option -- 'S'");
        expect(existsSync(marker), `${bin}: Node ran the .env's NODE_OPTIONS`).toBe(false);
      }
    },
  );

  it.runIf(BUSYBOX)(
    'the launchers docs/cli.md gives, written and run by BusyBox’s sh, keep --env-file from Node',
    async () => {
      const docs = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
      const block = /```sh\npkg=[^\n]*\n(for name in [\s\S]*?\ndone)\n```/.exec(docs)?.[1];
      expect(block, 'the launcher block in docs/cli.md').toBeDefined();
      // npm's links, as npm install -g makes them; the block replaces them (never writing through them).
      const npmBin = join(dir, 'npm-bin');
      mkdirSync(npmBin);
      for (const bin of BINS) symlinkSync(join(ROOT, 'bin', `${bin}.cjs`), join(npmBin, bin));
      const made = spawnSync(BUSYBOX, ['sh', '-ec', `pkg="$1" bin="$2"\n${block}`, 'sh', ROOT, npmBin], {
        encoding: 'utf8',
      });
      expect(made.status, made.stderr).toBe(0);
      expect(readFileSync(join(ROOT, 'bin/latch.cjs'), 'utf8')).toMatch(/^#!\/usr\/bin\/env -S node --\n/);
      const missing = join(dir, 'missing.env');
      const { dotenv, marker } = evilDotenv('launcher');
      const [absent, nodeOptions, helper] = await Promise.all([
        run([BUSYBOX, 'sh', join(npmBin, 'latch'), 'exec', '--env-file', missing, '--', 'true']),
        run([
          BUSYBOX,
          'sh',
          join(npmBin, 'latch'),
          'exec',
          '--env-file',
          dotenv,
          '--',
          'sh',
          '-c',
          'printf %s "$NODE_OPTIONS"',
        ]),
        run([BUSYBOX, 'sh', join(npmBin, 'git-credential-latch'), '--env-file', missing, 'get']),
      ]);
      expect(absent).toEqual({ code: 1, stdout: '', stderr: `latch: Cannot read the env file ${missing} (ENOENT).\n` });
      expect(nodeOptions).toEqual({ code: 0, stdout: `--require ${join(dir, 'launcher.cjs')}`, stderr: '' });
      expect(existsSync(marker)).toBe(false);
      expect(helper.code).toBe(2); // latch's usage error (an option git-credential does not take), not Node's exit 9
      expect(helper.stderr).toMatch(/^latch: /);
    },
  );

  it.runIf(existsSync(CMD_SHIM))(
    'npm’s cmd-shim reads the first line as node with --: the .cmd, .ps1 and sh shims run node --',
    async () => {
      const cmdShim = createRequire(import.meta.url)(CMD_SHIM) as (from: string, to: string) => Promise<void>;
      for (const bin of BINS) {
        const to = join(dir, 'win-shims', bin);
        await cmdShim(join(ROOT, 'bin', `${bin}.cjs`), to);
        expect(readFileSync(`${to}.cmd`, 'utf8')).toMatch(
          new RegExp(`"%_prog%" -- "%dp0%\\\\[^"]*\\\\bin\\\\${bin}\\.cjs" %\\*`),
        );
        expect(readFileSync(`${to}.cmd`, 'utf8')).toContain('SET "_prog=node"');
        expect(readFileSync(`${to}.ps1`, 'utf8')).toMatch(
          new RegExp(`& "node\\$exe" -- "\\$basedir/[^"]*/bin/${bin}\\.cjs" \\$args`),
        );
        expect(readFileSync(to, 'utf8')).toMatch(new RegExp(`exec node -- "\\$basedir/[^"]*/bin/${bin}\\.cjs" "\\$@"`));
      }
    },
  );
});

describe('input limits: refused as soon as they are passed, with bounded memory', () => {
  /** Each command, its limit, and the input it is given endlessly (/dev/zero on stdin, or named as the file). */
  const endless = (command: string[], limit: string, code = 2) => ({ command, limit, code });

  it('stdin < /dev/zero: git-credential and docker-credential stop at 64 KiB, inject -i - at 10 MiB, totp --uri - at 1 MiB', async () => {
    const cases = [
      endless([linked('git-credential-latch'), 'get'], '64 KiB'),
      endless([linked('docker-credential-latch'), 'get'], '64 KiB', 1), // the protocol's failure: exit 1, on stdout
      endless([linked('latch'), 'inject', '-i', '-', '--dry-run'], '10 MiB'),
      endless([linked('latch'), 'totp', '--uri', '-'], '1 MiB'),
    ];
    const runs = await Promise.all(cases.map((c) => withStdinFrom('/dev/zero', c.command)));
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(cases[i]!.code);
      expect(r.stdout + r.stderr).toContain(`The input on stdin is larger than ${cases[i]!.limit}`);
      expect(r.peakMiB, cases[i]!.command.join(' ')).toBeLessThan(200); // git-credential: 3.2 GB after 6 s
    }
  });

  it('a file that never ends (/dev/zero): env file 1 MiB, template 10 MiB, JWT key 1 MiB, recovery kit 64 KiB', async () => {
    const cases = [
      endless(['exec', '--env-file', '/dev/zero', '--', 'true'], '1 MiB'),
      endless(['inject', '-i', '/dev/zero', '--dry-run'], '10 MiB'),
      endless(['jwt', 'verify', 'x.y.z', '--key', '/dev/zero'], '1 MiB'),
      endless(['list', '--recovery-kit', '/dev/zero'], '64 KiB'),
    ];
    const runs = await Promise.all(cases.map((c) => withStdinFrom('/dev/null', [linked('latch'), ...c.command])));
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`/dev/zero is larger than ${cases[i]!.limit}`);
      expect(r.peakMiB, cases[i]!.command.join(' ')).toBeLessThan(200);
    }
  });

  it("git's request: 64 KiB is read, one byte more is refused", async () => {
    const [atLimit, over] = await Promise.all([
      run([linked('git-credential-latch'), 'get'], 'a'.repeat(64 * 1024)),
      run([linked('git-credential-latch'), 'get'], 'a'.repeat(64 * 1024 + 1)),
    ]);
    expect(atLimit.stderr).not.toContain('larger than');
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('larger than 64 KiB');
  });

  it("STS's answer is read no further than 64 KiB: an endless body is cut and refused", async () => {
    let sent = 0;
    let closed = false;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const more = () => {
        while (!closed && res.write(chunk)) sent += chunk.length;
        if (!closed) res.once('drain', more);
      };
      res.on('close', () => {
        closed = true;
      });
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret', region: 'eu-west-1' };
      await expect(
        assumeRole(
          { ...keys, service: 'sts', unsignedPayload: false, roleArn: 'arn:aws:iam::123456789012:role/r' },
          { clock: { now: () => Date.now() }, endpoint: url },
        ),
      ).rejects.toMatchObject({ code: 'ERR_HTTP', message: expect.stringContaining('more than 64 KiB') });
      await expect.poll(() => closed).toBe(true);
      expect(sent).toBeLessThan(16 * 1024 * 1024); // socket buffers, not the endless body
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
