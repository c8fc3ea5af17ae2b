import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountFile } from '../../support/gcp-service-account';
import { ownTempEnv, plant, planted, plantedFiles } from './no-secret-on-disk';
import { latch } from './run-latch';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const dir = mkdtempSync(join(tmpdir(), 'latch-cli-creds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PW = plant('master password');
const STRIPE_KEY = plant('sk_live');
const vault = join(dir, 'main.latch');
// Password-only vaults with the lowest cost allowed: no keychain, fast unlocks.
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault, ...ownTempEnv(dir) };
const ITER = ['--iterations', '100000'];

/** Runs latch with the master password as the first stdin line. */
const withPw = (args: string[], rest = '', vaultPath = vault) =>
  latch(['--password-stdin', ...args], { stdin: `${PW}\n${rest}`, env: { ...env, LATCH_VAULT: vaultPath } });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  const init = await latch(['init', '--password-stdin', ...ITER], { stdin: `${PW}\n`, env });
  expect(init.code).toBe(0);
});

describe('latch add / list / get', () => {
  it('adds credentials (a value "-" read from stdin after the password line) and gets them by reference', async () => {
    const add = await withPw(
      [
        'add',
        'Stripe',
        '--kind',
        'api-key',
        '--name',
        'live key',
        '--url',
        'https://api.stripe.com',
        '--field',
        'header=Authorization',
        '--field',
        'prefix=Bearer ',
        '--field',
        'value=-',
        '--json',
      ],
      `${STRIPE_KEY}\n`,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({
      service: 'Stripe',
      serviceCreated: true,
      reference: 'latch://Stripe/live%20key',
    });

    // A secret typed as an argument is refused (ps and shell history show it) and nothing is written…
    const inArgv = [
      'add',
      'Stripe',
      '--kind',
      'totp',
      '--name',
      '2fa',
      '--field',
      'secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    ];
    const refused = await withPw(inArgv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--insecure-argv');
    expect(refused.stderr).not.toContain('GEZDGNBVGY3TQOJQ');
    // …unless the user accepts the risk, and is warned.
    const totp = await withPw([...inArgv, '--field', 'digits=8', '--insecure-argv']);
    expect(totp.code).toBe(0);
    expect(totp.stderr).toMatch(/warning: --field secret on the command line/);
    const bad = await withPw([
      'add',
      'Other',
      '--kind',
      'totp',
      '--name',
      'x',
      '--field',
      'secret=not base32!',
      '--insecure-argv',
    ]);
    expect(bad.code).toBe(2);

    const list = await withPw(['list', '--json']);
    const services = JSON.parse(list.stdout).services;
    expect(services.map((s: { name: string }) => s.name)).toEqual(['Stripe']); // the bad add created nothing
    expect(services[0].credentials.map((c: { name: string; kind: string }) => [c.name, c.kind])).toEqual([
      ['live key', 'api-key'],
      ['2fa', 'totp'],
    ]);
    expect(list.stdout).not.toContain(STRIPE_KEY);

    const withScheme = await withPw(['get', 'latch://Stripe/live%20key']);
    expect(withScheme).toMatchObject({ code: 0, stdout: `${STRIPE_KEY}\n`, stderr: '' });
    const bare = await withPw(['get', 'Stripe/live key/prefix']);
    expect(bare.stdout).toBe('Bearer \n');
    const json = await withPw(['get', 'stripe/LIVE KEY', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ field: 'value', value: STRIPE_KEY });
    const missing = await withPw(['get', 'latch://Stripe/nope']);
    expect(missing.code).toBe(1);
    const noField = await withPw(['get', 'latch://Stripe/live key/password']);
    expect(noField.code).toBe(1);
    expect(noField.stderr).toContain('value, header, query, body, prefix');
  });
});

describe('latch exec', () => {
  it('injects references from an env file into the environment only, masks output, passes the exit code', async () => {
    const envFile = join(dir, 'exec.env');
    writeFileSync(envFile, '# refs\nAPI_KEY=latch://Stripe/live%20key\nexport PLAIN="not a secret"\n');
    const script = [
      "const fs = require('node:fs');",
      "const cmdline = fs.readFileSync('/proc/self/cmdline', 'utf8');",
      "const parent = fs.readFileSync('/proc/' + process.ppid + '/cmdline', 'utf8');",
      "const h = require('node:crypto').createHash('sha256').update(process.env.API_KEY || '').digest('hex');",
      'console.log(JSON.stringify({ hash: h, plain: process.env.PLAIN, inArgv: cmdline.includes(process.env.API_KEY), inParentArgv: parent.includes(process.env.API_KEY) }));',
      "console.log('leak: ' + process.env.API_KEY);",
      "console.error('err: ' + process.env.API_KEY + '!');",
      'process.exit(7);',
    ].join('\n');
    const r = await withPw(['exec', '--env-file', envFile, '--', process.execPath, '-e', script]);
    expect(r.code).toBe(7);
    const [first, second] = r.stdout.trim().split('\n');
    expect(JSON.parse(first!)).toEqual({
      hash: sha256(STRIPE_KEY),
      plain: 'not a secret',
      inArgv: false,
      inParentArgv: false,
    });
    expect(second).toBe('leak: ***');
    expect(r.stderr).toBe('err: ***!\n');
    expect(r.stdout + r.stderr).not.toContain(STRIPE_KEY);
  });

  it('takes --env pairs (winning over the file) and passes a signal on as 128 + n', async () => {
    const r = await withPw([
      'exec',
      '--env',
      'P=latch://Stripe/live key/prefix',
      '--',
      'sh',
      '-c',
      'printf "[%s]" "$P"; kill -TERM $$',
    ]);
    expect(r.stdout).toBe('[Bearer ]'); // not a secret field: passed and shown as is
    expect(r.code).toBe(143);
  });

  it('leaves no planted value on disk (HOME, the test folder, the temp folder) in any encoding', () => {
    // Before the export tests below, whose plain-text export is meant to hold the key.
    expect(plantedFiles([dir, process.env.HOME ?? dir], planted())).toEqual([]);
  });
});

describe('latch import', () => {
  it('imports the sample .env (comments, quotes, export prefix) into a named service', async () => {
    const dry = await withPw(['import', join(FIXTURES, 'sample.env'), '--service', 'App', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout).preview;
    expect(preview.items.map((i: { variable: string; kind: string }) => [i.variable, i.kind])).toEqual([
      ['STRIPE_API_KEY', 'api-key'],
      ['GITHUB_TOKEN', 'api-key'],
      ['DATABASE_URL', 'secret'],
      ['WEBHOOK_SECRET', 'secret'],
      ['PLAIN_VALUE', 'secret'],
    ]);
    // Configuration is previewed, unticked, and not imported unless chosen.
    expect(
      preview.items.filter((i: { include: boolean }) => !i.include).map((i: { variable: string }) => i.variable),
    ).toEqual(['PLAIN_VALUE']);
    const text = (await withPw(['import', join(FIXTURES, 'sample.env'), '--service', 'App', '--dry-run'])).stdout;
    expect(text).toMatch(/\[ \] PLAIN_VALUE\s+skipped: configuration \(Plain value\)/);
    expect(text).toMatch(/\[x\] GITHUB_TOKEN\s+API key in App, sent as Bearer/);
    expect(preview.skipped).toEqual([{ variable: 'EMPTY_ONE', line: 9, reason: 'empty-value' }]);
    expect(dry.stdout).not.toContain('sk_test_51Hsample');

    const noYes = await withPw(['import', join(FIXTURES, 'sample.env'), '--service', 'App']);
    expect(noYes.code).toBe(2);

    const r = await withPw(['import', join(FIXTURES, 'sample.env'), '--service', 'App', '--yes']);
    expect(r.code).toBe(0);
    const expected: Record<string, string> = {
      'App/STRIPE_API_KEY': 'sk_test_51Hsample',
      'App/GITHUB_TOKEN': 'ghp_sample token with spaces',
      'App/GITHUB_TOKEN/prefix': 'Bearer ',
      'App/STRIPE_API_KEY/header': 'X-API-Key',
      'App/DATABASE_URL': 'postgres://app:p@ss#word@localhost:5432/app',
      'App/WEBHOOK_SECRET': 'line one\nline two "quoted" back\\slash',
    };
    for (const [ref, value] of Object.entries(expected)) {
      const got = await withPw(['get', ref, '--json']);
      expect(JSON.parse(got.stdout).value, ref).toBe(value);
    }
    expect((await withPw(['get', 'App/PLAIN_VALUE'])).code).not.toBe(0);
  });

  it('imports a Postman environment under its own name, disabled variables left out', async () => {
    const r = await withPw(['import', join(FIXTURES, 'sample.postman_environment.json'), '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).imported.credentials).toBe(2);
    const list = JSON.parse((await withPw(['list', 'Acme Staging', '--json'])).stdout).services[0];
    // baseUrl is configuration (a URL without credentials): previewed, not imported.
    expect(list.credentials.map((c: { name: string; kind: string }) => [c.name, c.kind])).toEqual([
      ['apiKey', 'api-key'],
      ['accessToken', 'api-key'],
    ]);
    expect((await withPw(['get', 'latch://Acme Staging/apiKey'])).stdout).toBe('acme-staging-key-42\n');
  });

  it('refuses a bad .env naming the line, and leaves the vault file untouched', async () => {
    const before = readFileSync(vault);
    const r = await withPw(['import', join(FIXTURES, 'bad.env'), '--service', 'Bad', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Line 4');
    expect(readFileSync(vault).equals(before)).toBe(true);
    const list = JSON.parse((await withPw(['list', '--json'])).stdout).services;
    expect(list.map((s: { name: string }) => s.name)).not.toContain('Bad');
  });
});

describe('latch import --format gcp-service-account', () => {
  it('imports a Google key file as a JWT signer whose tokens verify as the service account; never prints the key', async () => {
    const file = serviceAccountFile({ projectId: 'orders-prod-7731', account: 'deployer' });
    const email = 'deployer@orders-prod-7731.iam.gserviceaccount.com';
    const path = join(dir, 'orders-prod-7731-1a2b3c4d5e6f.json');
    writeFileSync(path, file.text, { mode: 0o600 });
    // Its own vault, so the other tests' service counts stay theirs.
    const gcpVault = join(dir, 'gcp.latch');
    expect(
      (await latch(['init', '--password-stdin', ...ITER], { stdin: `${PW}\n`, env: { ...env, LATCH_VAULT: gcpVault } }))
        .code,
    ).toBe(0);
    const run = (args: string[]) => withPw(args, '', gcpVault);
    const noKey = (r: { stdout: string; stderr: string }) => {
      for (let i = 0; i + 12 <= file.privateKeyBody.length; i += 6)
        expect(r.stdout + r.stderr).not.toContain(file.privateKeyBody.slice(i, i + 12));
    };

    const help = await latch(['import', '--help']);
    expect(help.stdout).toContain('gcp-service-account');

    const dry = await run(['import', path, '--format', 'gcp-service-account', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Google service-account key → service "orders-prod-7731 (Google Cloud)" (new)');
    expect(dry.stdout).toContain(
      `[x] ${email}  JWT signer (RS256) for ${email} (Service account of orders-prod-7731, key ${file.json.private_key_id.slice(0, 8)})`,
    );
    noKey(dry);

    // Told from its content (no --format), as a user would run it.
    const imp = await run(['import', path, '--yes', '--json']);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ format: 'gcp-service-account', imported: { credentials: 1 } });
    noKey(imp);

    // `latch get` mints a token with the imported key; jose checks it with the file's public key.
    const got = await run(['get', 'latch://orders-prod-7731 (Google Cloud)/deployer']);
    expect(got.code).toBe(0);
    noKey(got);
    const { payload, protectedHeader } = await jwtVerify(got.stdout.trim(), createPublicKey(file.publicKey), {
      algorithms: ['RS256'],
      issuer: email,
      subject: email,
      audience: 'https://oauth2.googleapis.com/token',
    });
    expect(protectedHeader.kid).toBe(file.json.private_key_id);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);

    // A file whose key is not RSA: refused by field, exit 1, the key not echoed, nothing written.
    const before = readFileSync(gcpVault);
    const bad = serviceAccountFile({ overrides: { private_key: file.publicKey } });
    writeFileSync(path, bad.text);
    const refused = await run(['import', path, '--format', 'gcp-service-account', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"private_key" is a public key or certificate');
    expect(refused.stderr).not.toContain(file.publicKey.split('\n')[1]);
    expect(readFileSync(gcpVault).equals(before)).toBe(true);
  });
});

describe('latch export', () => {
  it('writes an encrypted backup with its own password that imports into a fresh vault', async () => {
    const backup = join(dir, 'backup.latch');
    const exp = await withPw(['export', backup, '--json', ...ITER], 'backup password\n');
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ format: 'latch', encrypted: true, services: 3 });
    expect(readFileSync(backup).includes(Buffer.from(STRIPE_KEY))).toBe(false);

    const fresh = join(dir, 'fresh.latch');
    const init = await latch(['init', '--password-stdin', ...ITER], {
      stdin: `${PW}\n`,
      env: { ...env, LATCH_VAULT: fresh },
    });
    expect(init.code).toBe(0);
    const wrong = await withPw(['import', backup, '--yes'], 'not the backup password\n', fresh);
    expect(wrong.code).toBe(3);
    const imp = await withPw(['import', backup, '--yes', '--json'], 'backup password\n', fresh);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout).imported.serviceIds).toHaveLength(3);
    expect((await withPw(['get', 'latch://Stripe/live key'], '', fresh)).stdout).toBe(`${STRIPE_KEY}\n`);
    expect((await withPw(['get', 'App/WEBHOOK_SECRET', '--json'], '', fresh)).stdout).toContain('line one\\nline two');

    // Again: the names are taken now, so the services come in renamed.
    const again = await withPw(['import', backup, '--yes'], 'backup password\n', fresh);
    expect(again.code).toBe(0);
    const names = JSON.parse((await withPw(['list', '--json'], '', fresh)).stdout).services.map(
      (s: { name: string }) => s.name,
    );
    expect(names).toContain('Stripe (imported)');
    expect(names).toHaveLength(6);
  });

  it('refuses a plain-text export without --plaintext --yes-i-understand, and writes one with them', async () => {
    const out = join(dir, 'plain.json');
    const refused = await withPw(['export', out]);
    expect(refused.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const half = await withPw(['export', out, '--plaintext']);
    expect(half.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const ok = await withPw(['export', out, '--plaintext', '--yes-i-understand']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.format).toBe('latch-plaintext');
    expect(JSON.stringify(json)).toContain(STRIPE_KEY);
  });

  it('refuses a symbolic link (dangling too) or a FIFO as the output, in either format, before the vault is unlocked', async () => {
    const victim = join(dir, 'victim.latch');
    writeFileSync(victim, 'keep me\n');
    const link = join(dir, 'link.latch');
    symlinkSync(victim, link);
    const dangling = join(dir, 'dangling.latch');
    const nowhere = join(dir, 'nowhere.latch');
    symlinkSync(nowhere, dangling);
    const fifo = join(dir, 'fifo.latch');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const out of [link, dangling, fifo])
      for (const format of [[], ['--plaintext', '--yes-i-understand']]) {
        // No password on stdin: a command that opened the vault first would answer that it has none.
        const r = await latch(['export', out, ...format, ...ITER], { env });
        expect(r.code, `${out} ${format.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(out === fifo ? /not a regular file/ : /symbolic link/);
      }
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect([lstatSync(link).isSymbolicLink(), lstatSync(dangling).isSymbolicLink(), existsSync(nowhere)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('latch totp', () => {
  // RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
  const uri = 'otpauth://totp/RFC:test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=RFC';

  it('computes codes from an otpauth URI at a fixed time, without a vault', async () => {
    const noVault = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'none.latch') };
    for (const [at, code] of [
      ['59', '94287082'],
      ['1111111109', '07081804'],
      ['1234567890', '89005924'],
      ['20000000000', '65353130'],
    ] as const) {
      const r = await latch(['totp', '--uri', '-', '--at', at], { env: noVault, stdin: `${uri}\n` });
      expect(r, at).toMatchObject({ code: 0, stdout: `${code}\n` });
    }
    const json = await latch(['totp', '--uri', '-', '--at', '59', '--json'], { env: noVault, stdin: uri });
    expect(JSON.parse(json.stdout)).toMatchObject({ code: '94287082', secondsRemaining: 1, period: 30 });
    const hotpUri = 'otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1';
    const hotp = await latch(['totp', '--uri', hotpUri, '--insecure-argv'], { env: noVault });
    expect(hotp.stdout).toBe('287082\n'); // RFC 4226 appendix D, count 1
    expect(hotp.stderr).toMatch(/warning: --uri on the command line/);
    const refused = await latch(['totp', '--uri', hotpUri], { env: noVault });
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toContain('GEZDGNBV');
  });

  it('accepts a key under 10 bytes with a warning on stderr, and refuses a link with a duplicated parameter', async () => {
    const noVault = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'none.latch') };
    // base32("12345678"): 8 bytes; HMAC-SHA1 at counter 1 truncates to 149148 (computed with Python's hmac).
    const short = await latch(['totp', '--uri', '-', '--at', '59'], {
      env: noVault,
      stdin: 'otpauth://totp/Old:bob?secret=GEZDGNBVGY3TQ&issuer=Old',
    });
    expect(short).toMatchObject({ code: 0, stdout: '149148\n' });
    expect(short.stderr).toMatch(/warning: This key is only 8 bytes/);
    expect(short.stderr).not.toContain('GEZDGNBV');
    const twice = await latch(['totp', '--uri', '-'], {
      env: noVault,
      stdin: 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=JBSWY3DPEHPK3PXP',
    });
    expect(twice.code).not.toBe(0);
    expect(twice.stdout).toBe('');
    expect(twice.stderr).toContain('the secret parameter twice');
    expect(twice.stderr).not.toMatch(/GEZDGNBV|JBSWY3DP/);

    const add = await withPw(
      ['add', 'Legacy', '--kind', 'totp', '--name', 'short', '--field', 'secret=-', '--json'],
      'GEZDGNBVGY3TQ\n',
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(/warning: This key is only 8 bytes/);
    const code = await withPw(['totp', 'latch://Legacy/short', '--at', '59']);
    expect(code).toMatchObject({ code: 0, stdout: '149148\n', stderr: '' });
  });

  it('gives the code of a vault credential and verifies codes with a window', async () => {
    const r = await withPw(['totp', 'latch://Stripe/2fa', '--at', '59', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '94287082', secondsRemaining: 1 });
    const ok = await withPw(['totp', 'verify', 'Stripe/2fa', '94287082', '--at', '80', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ valid: true, delta: -1 });
    const strict = await withPw(['totp', 'verify', 'Stripe/2fa', '94287082', '--at', '80', '--window', '0']);
    expect(strict).toMatchObject({ code: 1, stdout: 'invalid\n' });
    const viaUri = await latch(['totp', 'verify', '--uri', '-', '07081804', '--at', '1111111109'], { env, stdin: uri });
    expect(viaUri).toMatchObject({ code: 0, stdout: 'valid\n' });
  });
});

// Last: it adds services, which the export counts above would see.
describe('latch add --kind hmac: presets and recipes', () => {
  it('takes a preset name, a recipe of its own, and refuses a bad recipe naming what is wrong', async () => {
    const preset = await withPw(
      [
        'add',
        'Binance',
        '--kind',
        'hmac',
        '--name',
        'trade',
        '--field',
        'preset=binance',
        '--field',
        'keyId=K',
        '--field',
        'secret=-',
      ],
      'binance-secret\n',
    );
    expect(preset.code).toBe(0);
    const recipe =
      'digest=sha256; sign=method path timestamp secret; timestamp=header:X-Timestamp; key-id=header:X-API-Key';
    const own = await withPw(
      ['add', 'Tiny', '--kind', 'hmac', '--name', 'api', '--field', `recipe=${recipe}`, '--field', 'secret=-'],
      'tiny-secret\n',
    );
    expect(own.code).toBe(0);
    expect((await withPw(['get', 'Tiny/api/recipe'])).stdout.trim()).toBe(recipe);
    expect((await withPw(['get', 'Binance/trade/preset'])).stdout.trim()).toBe('binance');
    const bad = await withPw([
      'add',
      'Tiny',
      '--kind',
      'hmac',
      '--name',
      'bad',
      '--field',
      'recipe=sign=verb',
      '--field',
      'secret=x',
      '--insecure-argv',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/recipe: "verb" is not a part/);
    expect(bad.stderr).not.toContain('secret=x');
  });
});

describe('secrets are never typed as arguments', () => {
  it('a secret field takes a latch:// reference: copied in the vault, never in argv', async () => {
    // A latch:// reference copies a stored secret without it ever being typed.
    const copied = await withPw([
      'add',
      'Copy',
      '--kind',
      'api-key',
      '--name',
      'same key',
      '--field',
      'header=X-Key',
      '--field',
      'value=latch://Stripe/live%20key',
    ]);
    expect(copied.code).toBe(0);
    expect((await withPw(['get', 'latch://Copy/same%20key'])).stdout).toBe(`${STRIPE_KEY}\n`);
  });
});

describe('latch totp backup-codes', () => {
  it('backup-codes prints a fresh set, one a line, with the entropy and the storage advice on stderr', async () => {
    const noVault = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'none.latch') };
    const r = await latch(['totp', 'backup-codes', '--count', '8', '--length', '12', '--group', '4'], {
      env: noVault,
    });
    expect(r.code).toBe(0);
    const codes = r.stdout.trimEnd().split('\n');
    expect(codes).toHaveLength(8);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(8);
    expect(r.stderr).toContain('60 bits of entropy per code');
    expect(r.stderr).toMatch(/argon2id/);

    const hex = await latch(
      ['totp', 'backup-codes', '--alphabet', 'hex', '--length', '32', '--group', '8', '--count', '2', '--json'],
      {
        env: noVault,
      },
    );
    const json = JSON.parse(hex.stdout);
    expect(json).toMatchObject({ alphabet: 'hex', entropyBits: 128, storage: { scheme: 'sha-256' } });
    expect(json.codes[0]).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{8}){3}$/);

    const bad = await latch(['totp', 'backup-codes', '--alphabet', 'emoji'], { env: noVault });
    expect(bad.code).toBe(2);
    const stray = await latch(['totp', '--uri', 'x', '--count', '3'], { env: noVault });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--count goes with "latch totp backup-codes"');
  });
});
