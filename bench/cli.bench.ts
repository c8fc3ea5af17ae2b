/**
 * The command line's start-up and `latch get`, each next to its peer measured in the same run:
 *  - `latch --help` and `latch totp --uri` against `node -e 0` (target: within 1.5x);
 *  - `latch get REF` on 1,000 and 10,000 records against `keepassxc-cli show` on a database with the
 *    same records and the same KDF time, and against the bare KDF (target: KDF + 60 ms, faster than keepassxc-cli);
 *  - `latch get` through the unlock agent against `pass show` (target: within 2x), and `latch exec`
 *    through the agent against the child alone (target: under 100 ms added).
 * Runs the built command line (out/cli/latch.mjs, built first), as users do.
 *   npx tsx bench/cli.bench.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryFor, type ServiceBody } from '../main/core/credentials/service-records';
import type { Credential } from '../main/core/model/credential';
import { createVault, DEFAULT_ITERATIONS } from '../main/core/vault';

const RUNS = 7;
const PASSWORD = 'benchmark password';
const root = join(import.meta.dirname, '..');
const latchBin = join(root, 'bin/latch.mjs');
const dir = mkdtempSync(join(tmpdir(), 'latch-cli-bench-'));
const runtime = join(dir, 'runtime');
mkdirSync(runtime, { mode: 0o700 });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Wall time of one child process, stdin given, stdout checked. */
function timed(cmd: string, args: string[], o: { input?: string; env?: Record<string, string>; expect?: string } = {}) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { input: o.input ?? '', env: { ...process.env, ...o.env }, encoding: 'utf8' });
  const took = performance.now() - start;
  if (r.status !== 0 || (o.expect !== undefined && !r.stdout.includes(o.expect)))
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return took;
}

/** Medians of several commands, their runs interleaved so machine load falls on all alike. */
function race(cases: Record<string, () => number>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const f of Object.values(cases)) f(); // warm the file cache
  for (let i = 0; i < RUNS; i++) for (const [k, f] of Object.entries(cases)) times[k]!.push(f());
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

async function bareKdf(): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const start = performance.now();
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, [
      'deriveBits',
    ]);
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: DEFAULT_ITERATIONS },
      base,
      256,
    );
    runs.push(performance.now() - start);
  }
  return median(runs);
}

const secretOf = (i: number) => `sk_live_${i}_${randomUUID()}`;

async function latchVault(records: number): Promise<string> {
  const path = join(dir, `vault-${records}.latch`);
  const { vault } = await createVault({ path, password: PASSWORD });
  const now = Date.now();
  for (let i = 0; i < records; i++) {
    const credential = {
      id: `cred_${i}`,
      name: 'live',
      kind: 'api-key',
      fields: { value: secretOf(i), header: 'Authorization', prefix: 'Bearer ' },
      createdAt: now,
      updatedAt: now,
      expiresAt: null,
      rotation: {},
    } as Credential;
    const body: ServiceBody = {
      v: 1,
      name: `Service ${i}`,
      baseUrl: `https://api${i}.example.com`,
      tags: ['bench'],
      notes: '',
      favourite: false,
      createdAt: now,
      updatedAt: now,
      credentials: [credential],
    };
    vault.putRecord(`svc_${i}`, entryFor(body) as never, body as never);
  }
  await vault.save();
  vault.lock();
  return path;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const uuid = () => Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64');

/** A KeePassXC database with the same records, its KDF tuned to the time latch's PBKDF2 takes here. */
function keepassDb(records: number, kdfMs: number): string {
  const entries: string[] = [];
  for (let i = 0; i < records; i++) {
    entries.push(
      `<Entry><UUID>${uuid()}</UUID><String><Key>Title</Key><Value>Service ${i}</Value></String>` +
        `<String><Key>UserName</Key><Value>live</Value></String>` +
        `<String><Key>Password</Key><Value>${xml(secretOf(i))}</Value></String>` +
        `<String><Key>URL</Key><Value>https://api${i}.example.com</Value></String></Entry>`,
    );
  }
  const file = join(dir, `kp-${records}.xml`);
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?><KeePassFile><Meta><Generator>bench</Generator></Meta><Root><Group><UUID>${uuid()}</UUID><Name>Root</Name>${entries.join('')}</Group></Root></KeePassFile>`,
  );
  const db = join(dir, `kp-${records}.kdbx`);
  execFileSync('keepassxc-cli', ['import', '-q', '-p', '-t', String(Math.round(kdfMs)), file, db], {
    input: `${PASSWORD}\n${PASSWORD}\n`,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  rmSync(file);
  return db;
}

/** A throwaway gpg key (no passphrase) in a temp GNUPGHOME and a password store with one entry. */
function passStore(): Record<string, string> {
  const env = {
    GNUPGHOME: join(dir, 'gnupg'),
    PASSWORD_STORE_DIR: join(dir, 'pass'),
  };
  mkdirSync(env.GNUPGHOME, { mode: 0o700 });
  const opts = { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'ignore'] as ['pipe', 'ignore', 'ignore'] };
  execFileSync(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-gen-key',
      'latch-bench@example.invalid',
      'default',
      'default',
      'never',
    ],
    opts,
  );
  execFileSync('pass', ['init', 'latch-bench@example.invalid'], opts);
  execFileSync('pass', ['insert', '-m', 'Service/live'], { ...opts, input: `${secretOf(0)}\n` });
  return env;
}

/** A figure next to its peer, with the target ratio and whether this run met it (and by how much it missed). */
function report(name: string, value: number, peerName: string, peer: number, target?: number): void {
  const ratio = value / peer;
  const verdict =
    target === undefined
      ? ''
      : ratio <= target
        ? `; target ${target}x: met`
        : `; target ${target}x: missed by ${ms(value - peer * target)} (${(ratio / target).toFixed(2)}x the target)`;
  console.log(`${name}: ${ms(value)} (${peerName}: ${ms(peer)}, ratio ${ratio.toFixed(2)}x${verdict})`);
}

/** How many modules (files) a run loads, and how many of them come from node_modules: what start-up pays for. */
function modulesLoaded(args: string[], o: { input?: string; env?: Record<string, string> } = {}): string {
  const out = join(dir, `loads-${randomUUID()}`);
  spawnSync(process.execPath, ['--import', join(root, 'test/support/record-loads.mjs'), latchBin, ...args], {
    input: o.input ?? '',
    env: { ...process.env, ...o.env, LATCH_RECORD_LOADS: out },
  });
  const urls = [
    ...new Set(
      readFileSync(out, 'utf8')
        .split('\n')
        .filter((u) => u.startsWith('file:')),
    ),
  ];
  const packages = urls.filter((u) => u.includes('/node_modules/'));
  const names = [...new Set(packages.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]))].join(', ');
  return `${urls.length} files, ${packages.length} from node_modules${names ? ` (${names})` : ''}`;
}

try {
  execFileSync('npx', ['vite', 'build', '--config', 'cli.vite.config.ts', '--logLevel', 'silent'], { cwd: root });
  const node = (args: string[], o: Parameters<typeof timed>[2] = {}) => timed(process.execPath, args, o);

  // Start-up.
  const uri = 'otpauth://totp/bench?secret=JBSWY3DPEHPK3PXP';
  const start = race({
    node: () => node(['-e', '0']),
    help: () => node([latchBin, '--help'], { expect: 'Usage' }),
    totp: () => node([latchBin, 'totp', '--uri', '-'], { input: uri }),
  });
  report('latch --help', start.help!, 'node -e 0', start.node!, 1.5);
  report('latch totp --uri', start.totp!, 'node -e 0', start.node!, 1.5);
  console.log(`latch --help loads: ${modulesLoaded(['--help'])}`);
  console.log(`latch totp --uri loads: ${modulesLoaded(['totp', '--uri', '-'], { input: uri })}`);

  // get with the KDF.
  const kdf = await bareKdf();
  console.log(`bare PBKDF2 (${DEFAULT_ITERATIONS} iterations): ${ms(kdf)}`);
  const noKeychain = { LATCH_NO_KEYCHAIN: '1', XDG_RUNTIME_DIR: runtime };
  for (const records of [1_000, 10_000]) {
    const vault = await latchVault(records);
    const kp = keepassDb(records, kdf);
    const ref = `Service ${records - 1}/live`;
    const got = race({
      latch: () =>
        node([latchBin, 'get', ref, '--password-stdin', '--vault', vault], {
          input: `${PASSWORD}\n`,
          env: noKeychain,
          expect: 'sk_live',
        }),
      keepassxc: () =>
        timed('keepassxc-cli', ['show', '-q', '-a', 'Password', kp, `Service ${records - 1}`], {
          input: `${PASSWORD}\n`,
          expect: 'sk_live',
        }),
    });
    report(`latch get, ${records} records`, got.latch!, 'keepassxc-cli show', got.keepassxc!);
    console.log(`latch get, ${records} records, beyond the bare KDF: ${ms(got.latch! - kdf)} (target: 60 ms)`);
  }

  // Through the agent: no KDF.
  const vault = join(dir, 'vault-1000.latch');
  const agentEnv = { ...noKeychain, LATCH_VAULT: vault };
  node([latchBin, 'unlock', '--for', '10m', '--password-stdin'], { input: `${PASSWORD}\n`, env: agentEnv });
  const passEnv = passStore();
  const viaAgent = race({
    latch: () => node([latchBin, 'get', 'Service 999/live'], { env: agentEnv, expect: 'sk_live' }),
    pass: () => timed('pass', ['show', 'Service/live'], { env: passEnv, expect: 'sk_live' }),
    child: () => node(['-e', '0']),
    exec: () =>
      node([latchBin, 'exec', '--env', 'K=latch://Service 999/live', '--', process.execPath, '-e', '0'], {
        env: agentEnv,
      }),
  });
  report('latch get through the agent', viaAgent.latch!, 'pass show', viaAgent.pass!, 2);
  report('latch get through the agent', viaAgent.latch!, 'node -e 0', viaAgent.child!);
  // The floor under any Node program: when Node's own start already costs more than twice pass show (a shell
  // script and gpg, both native), the 2x target cannot be met by latch; say so rather than leave a bare miss.
  if (viaAgent.child! > 2 * viaAgent.pass!)
    console.log(
      `latch get through the agent: node -e 0 alone is ${(viaAgent.child! / viaAgent.pass!).toFixed(2)}x pass show here, so 2x pass show is out of reach for any Node program on this machine`,
    );
  console.log(`latch get through the agent loads: ${modulesLoaded(['get', 'Service 999/live'], { env: agentEnv })}`);
  console.log(
    `latch exec through the agent, added to the child's own start: ${ms(viaAgent.exec! - viaAgent.child!)} (target: under 100 ms)`,
  );
  node([latchBin, 'lock'], { env: agentEnv });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
