/**
 * `latch edit` through the built command line: each option lands in the vault (read back by a second reader,
 * not by the command's own output), the app's checks refuse what the app refuses (default header rules, URL
 * rules, the credential's own header), a typo is not a silent no-op, and an edit that loses a race to another
 * writer of the same service is refused by name with nothing saved, as every command's save is.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceBody } from '../../../main/core/credentials/service-records';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import { buildCli } from './built-cli';
import { type LatchRun, latch } from './run-latch';

const ROOT = join(import.meta.dirname, '../../..');
const PW = 'edit test password';
const SECRET = 'sk_live_edit_test_value';
const dir = mkdtempSync(join(tmpdir(), 'latch-edit-'));
const runtime = join(dir, 'runtime');
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'vault.latch'), XDG_RUNTIME_DIR: runtime };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], stdin = '') => latch(['--password-stdin', ...args], { stdin: `${PW}\n${stdin}`, env });

async function ok(args: string[], stdin = ''): Promise<LatchRun> {
  const r = await run(args, stdin);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** The service as a second reader sees it in the file: the app's own store over a fresh open of the vault. */
async function readBack(name: string): Promise<ServiceBody> {
  const vault = await openVault({ path: env.LATCH_VAULT, password: PW });
  try {
    const store = new ServiceStore(vault, systemClock);
    return await store.body(store.findServiceId(name));
  } finally {
    vault.lock();
  }
}

beforeAll(async () => {
  mkdirSync(runtime, { mode: 0o700 });
  await ok(['init', '--iterations', '100000']);
  // The credential writes its key in X-Stripe-Key, a name no global rule refuses: only the service's own check does.
  await ok(
    [
      'add',
      'Stripe',
      '--kind',
      'api-key',
      '--name',
      'live',
      '--url',
      'https://api.stripe.com',
      '--field',
      'header=X-Stripe-Key',
      '--field',
      'value=-',
    ],
    `${SECRET}\n`,
  );
  await ok(['add', 'GitHub', '--kind', 'bearer', '--name', 'pat', '--field', 'token=-'], 'ghp_edit_test_token\n');
});

describe('latch edit SERVICE', () => {
  it('every option in one run, one save; the file reads back what was asked', async () => {
    const r = await ok([
      'edit',
      'Stripe',
      '--name',
      'Stripe EU',
      '--url',
      'https://eu.stripe.com/v1',
      '--tag',
      'payments',
      '--tag',
      'prod',
      '--notes',
      'Rotated by the platform team.',
      '--header',
      'Stripe-Version: 2024-06-20',
      '--header',
      'X-Trace: on',
      '--json',
    ]);
    const out = JSON.parse(r.stdout) as { service: string; baseUrl: string; tags: string[] };
    expect(out).toMatchObject({
      service: 'Stripe EU',
      baseUrl: 'https://eu.stripe.com/v1',
      tags: ['payments', 'prod'],
    });
    // The reference and the host binding moved: both said, so neither surprises a user later.
    expect(r.stderr).toContain('latch://Stripe/… is now latch://Stripe%20EU/…');
    expect(r.stderr).toContain('now go without asking to eu.stripe.com (no longer to api.stripe.com)');
    const s = await readBack('Stripe EU');
    expect(s).toMatchObject({
      name: 'Stripe EU',
      baseUrl: 'https://eu.stripe.com/v1',
      tags: ['payments', 'prod'],
      notes: 'Rotated by the platform team.',
      headers: [
        { name: 'Stripe-Version', value: '2024-06-20' },
        { name: 'X-Trace', value: 'on' },
      ],
    });
    // The credential went with its service, untouched; the new reference reads it.
    expect(s.credentials.map((c) => c.name)).toEqual(['live']);
    const got = await ok(['get', 'latch://Stripe%20EU/live']);
    expect(got.stdout.trim()).toBe(SECRET);
  });

  it('--untag and --drop-header remove; --header replaces a header in its place; "" clears the URL and the notes', async () => {
    await ok([
      'edit',
      'stripe eu',
      '--untag',
      'prod',
      '--drop-header',
      'x-trace',
      '--header',
      'Stripe-Version: 2025-01-01',
      '--url',
      '',
      '--notes',
      '',
    ]);
    const s = await readBack('Stripe EU');
    expect(s.tags).toEqual(['payments']);
    expect(s.headers).toEqual([{ name: 'Stripe-Version', value: '2025-01-01' }]);
    expect(s.baseUrl).toBe('');
    expect(s.notes).toBe('');
    // The one-word form shell completion offers for a name with a space.
    await ok(['edit', 'Stripe%20EU', '--url', 'https://eu.stripe.com/v1']);
    expect((await readBack('Stripe EU')).baseUrl).toBe('https://eu.stripe.com/v1');
  });

  it('refuses what the app refuses, naming it, with the file unchanged and no header value echoed', async () => {
    const before = readFileSync(env.LATCH_VAULT);
    const cases: [string[], RegExp][] = [
      // The credential's own header: its value would sit in clear beside the encrypted credential.
      [['--header', `X-Stripe-Key: ${SECRET}`], /X-Stripe-Key is the header the credential "live" uses/],
      // A name that carries a credential for every service.
      [['--header', `Authorization: Bearer ${SECRET}`], /Authorization carries a credential/],
      [['--url', 'ftp://files.example.com'], /base URL must be an http\(s\) URL/],
      [['--name', '   '], /a service needs a name/],
      [['--name', 'github'], /Another service is already named "GitHub"/],
      [['--untag', 'nope'], /has no tag "nope" \(its tags: payments\)/],
      [['--drop-header', 'X-Nope'], /has no default header "X-Nope" \(its headers: Stripe-Version\)/],
      [['--header', 'no colon here'], /A header is written "Name: value"/],
      [[], /Say what to change/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['edit', 'Stripe EU', ...args]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain(SECRET);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(env.LATCH_VAULT).equals(before)).toBe(true);
  });

  it("--url '' with no service: exit 2, saying to name the service and how a base URL is removed", async () => {
    const r = await run(['edit', '--url', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("latch edit SERVICE --url ''");
  });

  it('takes no secret: a field option is not one of its options, and a credential field is not a target', async () => {
    const field = await run(['edit', 'Stripe EU/live', '--field', 'value=sk_other']);
    expect(field.code).toBe(2);
    const target = await run(['edit', 'Stripe EU/live/value', '--name', 'x']);
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/secrets change with latch rotate/);
  });
});

describe('latch edit SERVICE/CREDENTIAL --name', () => {
  it('renames the credential; the new reference reads the same secret, the old one is gone', async () => {
    const r = await ok(['edit', 'latch://Stripe%20EU/live', '--name', 'live-eu']);
    expect(r.stdout).toContain('Updated latch://Stripe%20EU/live-eu.');
    expect(r.stderr).toContain(
      'References follow the name: latch://Stripe%20EU/live is now latch://Stripe%20EU/live-eu.',
    );
    expect((await ok(['get', 'Stripe EU/live-eu'])).stdout.trim()).toBe(SECRET);
    expect((await run(['get', 'Stripe EU/live'])).code).not.toBe(0);
    expect((await readBack('Stripe EU')).credentials.map((c) => c.name)).toEqual(['live-eu']);
  });

  it('refuses a name another credential of the service has, and a service option', async () => {
    await ok(
      [
        'add',
        'Stripe EU',
        '--kind',
        'api-key',
        '--name',
        'test',
        '--field',
        'header=X-Stripe-Key',
        '--field',
        'value=-',
      ],
      'sk_test_x\n',
    );
    const clash = await run(['edit', 'Stripe EU/test', '--name', 'LIVE-EU']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/already has a credential named "LIVE-EU"/);
    const serviceOption = await run(['edit', 'Stripe EU/test', '--url', 'https://x.example.com']);
    expect(serviceOption.code).toBe(2);
    expect(serviceOption.stderr).toMatch(/--url changes the service/);
    expect((await readBack('Stripe EU')).credentials.map((c) => c.name)).toEqual(['live-eu', 'test']);
  });
});

describe('latch edit SERVICE/CREDENTIAL --expires / --rotate-every', () => {
  it("sets the expiry (the end of that local day, as the app's date field) and the rotation reminder; never clears them", async () => {
    const r = await ok(['edit', 'Stripe EU/test', '--expires', '2027-03-31', '--rotate-every', '90', '--json']);
    const endOfDay = new Date('2027-03-31T23:59:59').getTime();
    expect(JSON.parse(r.stdout)).toMatchObject({ expiresAt: new Date(endOfDay).toISOString(), rotateEveryDays: 90 });
    const test = (await readBack('Stripe EU')).credentials.find((c) => c.name === 'test');
    expect(test).toMatchObject({ expiresAt: endOfDay, rotation: { everyDays: 90 } });
    await ok(['edit', 'Stripe EU/test', '--expires', 'never', '--rotate-every', 'never']);
    const cleared = (await readBack('Stripe EU')).credentials.find((c) => c.name === 'test');
    expect(cleared?.expiresAt).toBeNull();
    expect(cleared?.rotation.everyDays).toBeUndefined();
  });

  it('refuses a day that is not one, days outside 1 to 3650, and either option on a service', async () => {
    const before = readFileSync(env.LATCH_VAULT);
    const cases: [string[], RegExp][] = [
      [['Stripe EU/test', '--expires', '2027-02-30'], /--expires takes a day as YYYY-MM-DD, or never/],
      [['Stripe EU/test', '--expires', 'tomorrow'], /--expires takes a day/],
      [['Stripe EU/test', '--rotate-every', '1.5'], /--rotate-every takes whole days/],
      // The store's own check, the one the app's form meets too.
      [['Stripe EU/test', '--rotate-every', '3651'], /Rotation period: give whole days from 1 to 3650/],
      [['Stripe EU/test', '--rotate-every', '0'], /Rotation period: give whole days from 1 to 3650/],
      [['Stripe EU', '--expires', '2027-01-01'], /--expires changes one credential/],
      [['Stripe EU/test'], /Say what to change: --name, --expires or --rotate-every/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['edit', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      // The record's key is not a word the user knows (the form says "rotation period", the flag --rotate-every).
      expect(r.stderr).not.toContain('rotateEveryDays');
    }
    expect(readFileSync(env.LATCH_VAULT).equals(before)).toBe(true);
  });
});

describe('a SERVICE argument in the one-word form shell completion offers (Stripe%20EU)', () => {
  it('list and add take it as edit does, and add makes no second service named with the %20', async () => {
    const listed = await ok(['list', 'Stripe%20EU']);
    expect(listed.stdout).toMatch(/^Stripe EU/m);
    await ok(['add', 'Stripe%20EU', '--kind', 'bearer', '--name', 'ci', '--field', 'token=-'], 'tok_ci_1\n');
    expect((await readBack('Stripe EU')).credentials.map((c) => c.name)).toContain('ci');
    const all = JSON.parse((await ok(['list', '--json'])).stdout) as { services: { name: string }[] };
    expect(all.services.map((s) => s.name)).not.toContain('Stripe%20EU');
    const missing = await run(['list', 'No%20Such']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('No such service.');
  });
});

/**
 * `latch edit` at a terminal (script(1) gives it one), stopped at the master password prompt: by then it has read
 * the file, so whatever saves before the password is typed is a writer it raced.
 */
function atPasswordPrompt(args: string[]): { prompted: Promise<void>; type(password: string): Promise<LatchRun> } {
  buildCli();
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, join(ROOT, 'bin/latch.cjs'), ...args].map(quote).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onOutput = () => {};
  child.stdout.on('data', (d) => {
    stdout += d;
    onOutput();
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const closed = new Promise<LatchRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const prompted = new Promise<void>((resolve, reject) => {
    onOutput = () => {
      if (stdout.includes('Master password: ')) resolve();
    };
    void closed.then((r) => reject(new Error(`latch exited before its prompt: ${r.stdout}${r.stderr}`)));
  });
  return {
    prompted,
    async type(password) {
      child.stdin.write(`${password}\r`);
      const r = await closed;
      child.stdin.end();
      return r;
    },
  };
}

describe('latch edit racing another writer', () => {
  it('the same service changed by another writer meanwhile: refused by name, nothing of this edit saved', async () => {
    const edit = atPasswordPrompt(['edit', 'GitHub', '--tag', 'mine', '--notes', 'from the slow edit']);
    await edit.prompted;
    await ok(['edit', 'GitHub', '--notes', 'from the other writer']);
    const r = await edit.type(PW);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/Service "GitHub" was changed by another Latch/);
    expect(r.stdout).toMatch(/Nothing was saved; run the command again/);
    const s = await readBack('GitHub');
    expect(s.notes).toBe('from the other writer');
    expect(s.tags).toEqual([]);
  });

  it('another service changed meanwhile: the edit is merged on top and both land', async () => {
    const edit = atPasswordPrompt(['edit', 'GitHub', '--tag', 'mine']);
    await edit.prompted;
    await ok(['edit', 'Stripe EU', '--tag', 'theirs']);
    const r = await edit.type(PW);
    expect(r.code, r.stdout).toBe(0);
    expect((await readBack('GitHub')).tags).toEqual(['mine']);
    expect((await readBack('Stripe EU')).tags).toEqual(['payments', 'theirs']);
  });
});
