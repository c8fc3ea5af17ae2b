import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFiles } from '../../../main/core/agent/runtime-dir';
import { privateRuntime, tempDir } from '../../support/temp-dir';
import { grepTree, ownTempEnv, plant, planted, plantedFiles } from './no-secret-on-disk';
import { latch } from './run-latch';

const dir = tempDir('agent');
const runtime = privateRuntime(dir);
const PW = plant('agent master password');
const SECRET = plant('planted-agent-secret');
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'v.latch'), XDG_RUNTIME_DIR: runtime, ...ownTempEnv(dir) };
const agentDir = join(runtime, 'latch');
const ROOT = join(import.meta.dirname, '../../..');

/** The second-user check runs as uid 65534 through setpriv, which only root may do (as in vault-faults.test.ts). */
const canSwitchUser =
  process.getuid?.() === 0 &&
  spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true'], { stdio: 'ignore' }).status === 0;

const sockets = () => (existsSync(agentDir) ? readdirSync(agentDir).filter((f) => f.endsWith('.sock')) : []);

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `latch get` with no password available: succeeds only through the agent. */
const getWithoutPassword = () => latch(['get', 'Git/main'], { env });

beforeAll(async () => {
  chmodSync(dir, 0o755);
  expect((await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PW}\n`, env })).code).toBe(0);
  const add = await latch(
    [
      'add',
      'Git',
      '--kind',
      'api-key',
      '--name',
      'main',
      '--field',
      'header=Authorization',
      '--field',
      'value=-',
      '--password-stdin',
    ],
    { stdin: `${PW}\n${SECRET}\n`, env },
  );
  expect(add.code).toBe(0);
  // An OAuth client whose token endpoint refuses connections: its access token is left to the ordinary get.
  const oauth = await latch(
    [
      'add',
      'Auth',
      '--kind',
      'oauth2',
      '--name',
      'cc',
      ...['tokenEndpoint=http://127.0.0.1:9/token', 'clientId=c', 'grant=client_credentials', 'clientSecret=-'].flatMap(
        (f) => ['--field', f],
      ),
      '--password-stdin',
    ],
    { stdin: `${PW}\n${plant('client-secret')}\n`, env },
  );
  expect(oauth.code, oauth.stderr).toBe(0);
});

// Before tempDir's removal of the folder (after-hooks run last registered first): the agent's socket is in it.
afterAll(async () => {
  await latch(['lock'], { env });
});

describe('latch unlock --for (the unlock agent)', () => {
  it('serves the key to the same user: get needs no password; socket 0600, folder 0700, nothing secret on disk', async () => {
    expect((await getWithoutPassword()).code).toBe(2);
    const unlock = await latch(['unlock', '--for', '60s', '--password-stdin', '--json'], { stdin: `${PW}\n`, env });
    expect(unlock.code).toBe(0);
    expect(new Date(JSON.parse(unlock.stdout).expiresAt).getTime()).toBeGreaterThan(Date.now());
    const got = await getWithoutPassword();
    expect(got.stdout).toBe(`${SECRET}\n`);
    expect(statSync(agentDir).mode & 0o777).toBe(0o700);
    const [sock] = sockets();
    expect(statSync(join(agentDir, sock!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(agentDir, sock!.replace(/\.sock$/, '.token'))).mode & 0o777).toBe(0o600);
    expect(grepTree([dir, process.env.HOME ?? dir], planted())).toEqual([]);
  });

  it('latch get through the agent prints what the ordinary get prints: values, --json, fields, every error and exit code', async () => {
    const cases = [
      ['Git/main'],
      ['latch://Git/main', '--json'],
      ['--json', 'latch://Git/main/header'],
      ['Git/none'],
      ['Nope/main'],
      ['latch://Git/main/zzz'],
      ['Git'],
      ['latch://Git/%E0%A4%A'],
      ['Auth/cc'],
      ['latch://Auth/cc/clientId'],
    ];
    for (const args of cases) {
      const fast = await latch(['get', ...args], { env });
      const ordinary = await latch(['get', ...args, '--password-stdin'], { stdin: `${PW}\n`, env });
      expect(fast, args.join(' ')).toEqual(ordinary);
    }
    expect((await latch(['get', 'Git/main'], { env })).stdout).toBe(`${SECRET}\n`);
    expect((await latch(['get', 'Git'], { env })).code).toBe(2);
  });

  it('latch get and exec to a full disk (/dev/full) fail and say so, through the agent and the ordinary way', async () => {
    // A script's `latch get REF > key.pem` on a full disk must not go on with an empty key file.
    const toFull = { env, wrap: ['sh', '-c', 'exec "$@" > /dev/full', 'sh'] };
    const runs = [
      await latch(['get', 'Git/main'], toFull),
      await latch(['get', 'Git/main', '--password-stdin'], { ...toFull, stdin: `${PW}\n` }),
      await latch(['exec', '--env', 'K=latch://Git/main', '--', 'echo', 'hi'], toFull),
    ];
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'latch: the output could not be written (ENOSPC: no space left on device); what was written may be cut short. Free some space, or write it elsewhere.\n',
      );
    }
  });

  it('an agent that takes the request and never answers (stopped, a hung file system) costs a get seconds, not minutes', async () => {
    // A stand-in at the agent's socket, with a token file as the agent's: it reads the request and answers nothing.
    const vaultId = JSON.parse((await latch(['status', '--json'], { env })).stdout).vaultId as string;
    const stuckRuntime = join(dir, 'stuck-runtime');
    mkdirSync(join(stuckRuntime, 'latch'), { recursive: true, mode: 0o700 });
    chmodSync(stuckRuntime, 0o700);
    const files = agentFiles(join(stuckRuntime, 'latch'), vaultId);
    writeFileSync(files.token, 'stand-in-token', { mode: 0o600 });
    const held: Socket[] = [];
    const server = createServer((socket) => held.push(socket));
    await new Promise<void>((r) => server.listen(files.socket, r));
    try {
      const started = Date.now();
      const r = await latch(['get', 'Git/main'], { env: { ...env, XDG_RUNTIME_DIR: stuckRuntime } });
      // It gave up on the agent and went the ordinary way: no terminal for the password here.
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/No terminal to ask for the password/);
      expect(Date.now() - started).toBeLessThan(40_000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((r) => server.close(r));
    }
  }, 120_000);

  it('a copy of the vault elsewhere is read through the agent; a damaged copy gets the ordinary message and backup offer', async () => {
    const copy = join(dir, 'copy.latch');
    copyFileSync(env.LATCH_VAULT, copy);
    copyFileSync(`${env.LATCH_VAULT}.bak`, `${copy}.bak`);
    const relative = await latch(['get', 'Git/main', '--vault', 'copy.latch'], {
      env: { ...env, LATCH_VAULT: '' },
      cwd: dir,
    });
    expect(relative).toMatchObject({ code: 0, stdout: `${SECRET}\n` });
    const bytes = readFileSync(copy);
    bytes[bytes.length - 40]! ^= 0xff; // a records byte: the checksum no longer matches
    writeFileSync(copy, bytes);
    const fast = await latch(['get', 'Git/main', '--vault', copy], { env });
    const ordinary = await latch(['get', 'Git/main', '--vault', copy, '--password-stdin'], {
      stdin: `${PW}\n`,
      env,
    });
    expect(fast.code).toBe(1);
    expect(fast.stderr).toMatch(/damaged.*looks intact/);
    expect(fast).toEqual(ordinary);
  });

  it('latch exec through the agent runs without the password: env only, masked, exit code, a signal ended or forwarded', async () => {
    // The child reports whether the value reached its environment and not its argv; then exits 7.
    const script =
      "const v = process.env.K || ''; console.log(JSON.stringify({ ok: v.length > 0 && require('node:crypto').createHash('sha256').update(v).digest('hex'), argv: require('node:fs').readFileSync('/proc/' + process.ppid + '/cmdline', 'utf8').includes(v) })); console.log('leak ' + v); process.exit(7);";
    const ran = await latch(['exec', '--env', 'K=latch://Git/main', '--', process.execPath, '-e', script], { env });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(7);
    const [report, leak] = ran.stdout.trim().split('\n');
    expect(JSON.parse(report!)).toEqual({ ok: createHash('sha256').update(SECRET).digest('hex'), argv: false });
    expect(leak).toBe('leak ***');

    const killed = await latch(['exec', '--env', 'K=latch://Git/main', '--', 'sh', '-c', 'kill -TERM $$'], { env });
    expect(killed.code).toBe(143);

    // A signal to latch reaches the child, which answers it with its own exit code. (The child says it is
    // ready in a file: its output passes the masker, which holds back a short line's tail.)
    const ready = join(dir, 'exec-ready');
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/latch.cjs'),
        'exec',
        '--env',
        'K=latch://Git/main',
        '--',
        process.execPath,
        '-e',
        "process.on('SIGTERM', () => process.exit(42)); require('node:fs').writeFileSync(process.env.READY, String(process.env.K.length)); setInterval(() => {}, 1000);",
      ],
      { env: { ...process.env, ...env, READY: ready }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await until(() => existsSync(ready) && readFileSync(ready, 'utf8') !== '', 'the child to start');
    expect(readFileSync(ready, 'utf8')).toBe(String(SECRET.length));
    child.kill('SIGTERM');
    expect(await exited).toBe(42);
  });

  it('latch exec through the agent does what the ordinary exec does: values, env file, every error and exit code', async () => {
    const envFile = join(dir, 'exec.env');
    writeFileSync(envFile, 'A=latch://Git/main\nexport B="plain value"\nH=latch://Git/main/header\n');
    const badFile = join(dir, 'bad.env');
    writeFileSync(badFile, 'A=latch://Git/main\nnot an assignment\n');
    const show = ['--', 'sh', '-c', 'printf "[%s][%s][%s][%s] " "$A" "$B" "$H" "$K"; printf "%s" "$A" >&2; exit 3'];
    const cases = [
      ['--env-file', envFile, '--env', 'A=latch://Git/main/header', ...show],
      ['--env', 'K=plain', ...show],
      ['--env', 'K=latch://Git/main', '--env', 'L=latch://Git/none', ...show], // the agent's failure
      ['--env', 'K=latch://Nope/main', ...show],
      ['--env', 'K=latch://Auth/cc', ...show], // OAuth: left to the ordinary path, which cannot reach the endpoint
      ['--env', '1K=latch://Git/main', ...show], // the client's own checks, left to the ordinary path
      ['--env-file', badFile, ...show],
      ['--env', 'K=latch://Git/main', '--', 'no-such-command-latch'],
    ];
    // Each pair at once: the two paths share nothing but the vault file, which neither writes here.
    const runs = await Promise.all(
      cases.map((args) =>
        Promise.all([
          latch(['exec', ...args], { env }),
          latch(['exec', '--password-stdin', ...args], { stdin: `${PW}\n`, env }),
        ]),
      ),
    );
    for (const [i, [fast, ordinary]] of runs.entries()) expect(fast, cases[i]!.join(' ')).toEqual(ordinary);
    expect(runs[0]![0]).toEqual({
      code: 3,
      stdout: '[Authorization][plain value][Authorization][] ',
      stderr: 'Authorization',
    });
    expect(runs[2]![0].code).toBe(1);
  });

  it('the agent answers from the vault as it is now: a change saved by another latch is seen by the next request', async () => {
    expect((await getWithoutPassword()).stdout).toBe(`${SECRET}\n`); // the agent holds the vault now
    const edit = (from: string, to: string) =>
      latch(['edit', from, '--name', to, '--password-stdin'], { stdin: `${PW}\n`, env });
    expect((await edit('Git/main', 'renamed')).code).toBe(0);
    try {
      const gone = await getWithoutPassword();
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(/main/);
      expect(await latch(['get', 'Git/renamed'], { env })).toMatchObject({ code: 0, stdout: `${SECRET}\n` });
      const ran = await latch(['exec', '--env', 'K=latch://Git/renamed', '--', 'sh', '-c', 'test -n "$K"'], { env });
      expect(ran).toMatchObject({ code: 0, stderr: '' });
    } finally {
      expect((await edit('Git/renamed', 'main')).code).toBe(0);
    }
    expect((await getWithoutPassword()).stdout).toBe(`${SECRET}\n`);
  });

  it.skipIf(!canSwitchUser)(
    canSwitchUser
      ? 'another uid (setpriv 65534) can neither connect to the socket nor read its token'
      : 'another uid (setpriv 65534) can neither connect to the socket nor read its token (skipped: needs root and setpriv to run as another uid)',
    async () => {
      const [sock] = sockets();
      const socketPath = join(agentDir, sock!);
      const probe = `
      const net = require('node:net'); const fs = require('node:fs');
      let token = 'unread'; try { fs.readFileSync(${JSON.stringify(socketPath.replace(/\.sock$/, '.token'))}); token = 'READ'; } catch (e) { token = e.code; }
      const s = net.connect(${JSON.stringify(socketPath)});
      s.on('connect', () => { s.write('{"op":"key","token":"x"}\\n'); });
      s.on('data', (d) => { console.log('DATA ' + d); });
      s.on('error', (e) => { console.log(JSON.stringify({ connect: e.code, token })); process.exit(0); });
      s.on('close', () => { console.log(JSON.stringify({ connect: 'CONNECTED', token })); });`;
      const r = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ connect: 'EACCES', token: 'EACCES' });
    },
  );

  it('latch lock makes the agent forget the key and exit; latch status says whether the agent holds it', async () => {
    // Someone back at the desk asks whether the key is still in memory: "locked" while an agent holds it is false.
    const held = await latch(['status', '--json'], { env });
    expect(JSON.parse(held.stdout)).toMatchObject({ locked: false, agent: { expiresAt: expect.any(String) } });
    expect((await latch(['status'], { env })).stdout).toMatch(
      /^State: {8}unlocked by the unlock agent until \d{4}-\d\d-\d\dT[\d:.]+Z \(latch lock forgets the key\)$/m,
    );
    const lock = await latch(['lock', '--json'], { env });
    expect(lock.code).toBe(0);
    expect(JSON.parse(lock.stdout)).toMatchObject({ agentStopped: true });
    await until(() => sockets().length === 0, 'the socket to go');
    expect((await getWithoutPassword()).code).toBe(2);
    expect(JSON.parse((await latch(['status', '--json'], { env })).stdout)).toMatchObject({
      locked: true,
      agent: null,
    });
  });

  it('latch lock with a keychain holding nothing for the vault (quick unlock off) says one thing: locked by the agent', async () => {
    const unlock = await latch(['unlock', '--for', '60s', '--password-stdin'], { stdin: `${PW}\n`, env });
    expect(unlock.code, unlock.stderr).toBe(0);
    // The keychain asked for (the session's, or none reachable): it holds no key for a vault made without one.
    const lock = await latch(['lock'], { env: { ...env, LATCH_NO_KEYCHAIN: '' } });
    expect(lock.code, lock.stderr).toBe(0);
    expect(lock.stdout.trim()).toBe(
      'Locked: the unlock agent (latch unlock --for) forgot the key and stopped; the next command asks for the master password.',
    );
    await until(() => sockets().length === 0, 'the socket to go');
  });

  it('the key is gone after the time given', async () => {
    const unlock = await latch(['unlock', '--for', '2s', '--password-stdin'], { stdin: `${PW}\n`, env });
    expect(unlock.code).toBe(0);
    await until(() => sockets().length === 0, 'the agent to expire');
    expect((await getWithoutPassword()).code).toBe(2);
  });

  it('the key is gone when the session it was unlocked in ends (its leader exits)', async () => {
    const script = `printf '%s\\n' "$PW" | "$NODE" --import tsx main/cli/index.ts unlock --for 10m --password-stdin && sleep 120`;
    const session = spawn('setsid', ['sh', '-c', script], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, ...env, PW, NODE: process.execPath },
      stdio: 'ignore',
    });
    await until(() => sockets().length === 1, 'the agent to start', 30_000);
    expect((await getWithoutPassword()).stdout).toBe(`${SECRET}\n`);
    session.kill('SIGKILL');
    await until(() => sockets().length === 0, 'the agent to notice the session ended');
    expect((await getWithoutPassword()).code).toBe(2);
  });

  it('refuses an agent folder another user could read', async () => {
    mkdirSync(agentDir, { recursive: true, mode: 0o700 });
    chmodSync(agentDir, 0o755);
    try {
      const r = await latch(['unlock', '--for', '60s', '--password-stdin'], { stdin: `${PW}\n`, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/can be read by other users/);
      expect(sockets()).toEqual([]);
    } finally {
      chmodSync(agentDir, 0o700);
    }
  });
});

it('leaves no planted value (master password, secrets) in HOME, its folder or the temp folder, in any encoding', () => {
  expect(plantedFiles([dir, process.env.HOME ?? dir], planted())).toEqual([]);
});
