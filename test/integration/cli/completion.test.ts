import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type ToolEnv, toolEnv } from './tool-env';

const SECRET = `sk_${crypto.randomUUID()}`;
let t: ToolEnv;
let locked: Record<string, string>;

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' }).status === 0;
const HAS_ZSH = has('zsh');
const HAS_FISH = has('fish');
if (!HAS_ZSH) console.warn('completion: the zsh check skipped: zsh is not installed (apt-get install zsh).');
if (!HAS_FISH) console.warn('completion: the fish checks skipped: fish is not installed (apt-get install fish).');

/** What bash's programmable completion offers for `line` (test/integration/cli/bash-complete.sh, real bash). */
function bashOffers(line: string, env: Record<string, string> = t.env): string[] {
  const r = spawnSync('bash', [join(import.meta.dirname, 'bash-complete.sh'), line], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((w) => w !== '');
}

beforeAll(async () => {
  t = await toolEnv('completion');
  for (const [service, name] of [
    ['Stripe', 'live'],
    ['Stripe', 'test'],
    ['Billing EU', 'webhook'],
  ]) {
    const add = await t.withPassword(
      ['add', service!, '--kind', 'secret', '--name', name!, '--field', 'name=KEY', '--field', 'value=-'],
      `${SECRET}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
  }
  await t.unlock();
  const empty = join(t.dir, 'no-agent');
  mkdirSync(empty, { mode: 0o700 });
  locked = { ...t.env, XDG_RUNTIME_DIR: empty };
});
afterAll(() => t?.close());

describe('latch completion bash (real bash)', () => {
  it('completes commands, sub-command words and options', () => {
    expect(bashOffers('latch ro')).toEqual(['rotate']);
    expect(bashOffers('latch docker')).toEqual(['docker-credential']);
    expect(bashOffers('latch rotate --g')).toEqual(['--generate', '--grace']);
    expect(bashOffers('latch edit Stripe --dr')).toEqual(['--drop-header']);
    expect(bashOffers('latch --js')).toEqual(['--json']);
    expect(bashOffers('latch jwt ')).toEqual(['decode', 'verify', 'sign']);
    expect(bashOffers('latch completion ')).toEqual(['bash', 'zsh', 'fish']);
    // After an option that takes a value, nothing: bash's default (-o default) offers file names.
    expect(bashOffers('latch --vault ')).toEqual([]);
  });

  it('completes service and credential names through the unlock agent, never a value', () => {
    // bash split "latch://St" at the colon: the reply is what follows it.
    expect(bashOffers('latch get latch://St')).toEqual(['//Stripe/live', '//Stripe/test']);
    expect(bashOffers('latch rotate latch://Bi')).toEqual(['//Billing%20EU/webhook']);
    expect(bashOffers('latch copy Str')).toEqual(['Stripe/live', 'Stripe/test']);
    expect(bashOffers('latch totp verify latch://Stripe/l')).toEqual(['//Stripe/live']);
    expect(bashOffers('latch list ')).toEqual(['Billing%20EU', 'Stripe']);
    // latch edit takes a service or one of its credentials.
    expect(bashOffers('latch edit Bi')).toEqual(['Billing%20EU', 'Billing%20EU/webhook']);
    const all = bashOffers('latch get ');
    expect(all).toHaveLength(3);
    expect(all.join('\n')).not.toContain(SECRET);
  });

  it('locked: no names, no prompt (a password on stdin is not read), no library loaded, nothing on stderr', () => {
    expect(bashOffers('latch get latch://St', locked)).toEqual([]);
    expect(bashOffers('latch ge', locked)).toEqual(['get']);
    const loads = join(t.dir, 'loads.txt');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        join(ROOT, 'test/support/record-loads.mjs'),
        join(ROOT, 'bin/latch.mjs'),
        '__complete',
        '--',
        'get',
        '',
      ],
      { env: { ...process.env, ...locked, LATCH_RECORD_LOADS: loads }, input: `${t.password}\n`, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
    // The fast path: no zod, jose, otplib, SigV4 or keychain addon; the vault header is read and the agent asked.
    expect(readFileSync(loads, 'utf8')).not.toMatch(/node_modules/);
  });
});

describe('latch completion zsh and fish', () => {
  it.runIf(HAS_ZSH)('the zsh script parses (zsh -n)', () => {
    const script = spawnSync('latch', ['completion', 'zsh'], { env: { ...process.env, ...t.env }, encoding: 'utf8' });
    const r = spawnSync('zsh', ['-n'], { input: script.stdout, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(script.stdout).toContain('compdef _latch latch');
  });

  it.runIf(HAS_FISH)('fish offers commands and references (complete -C)', () => {
    const offers = (line: string) => {
      const r = spawnSync('fish', ['--no-config', '-c', `latch completion fish | source; complete -C '${line}'`], {
        env: { ...process.env, ...t.env },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter((w) => w !== '');
    };
    expect(offers('latch ro')).toEqual(['rotate']);
    expect(offers('latch get latch://Stripe/')).toEqual(['latch://Stripe/live', 'latch://Stripe/test']);
    // File names where latch offers none: after -i, --vault and --env-file (docs/cli.md).
    const files = join(t.dir, 'fish-files');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'app.env'), '');
    writeFileSync(join(files, 'app.tpl'), '');
    expect(offers(`latch exec --env-file ${files}/app.`)).toEqual([`${files}/app.env`, `${files}/app.tpl`]);
    expect(offers(`latch inject -i ${files}/app.t`)).toEqual([`${files}/app.tpl`]);
    expect(offers(`latch get --vault ${files}/app.e`)).toEqual([`${files}/app.env`]);
  });

  it('an unknown shell is a usage error', () => {
    const r = spawnSync('latch', ['completion', 'tcsh'], { env: { ...process.env, ...t.env }, encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
});
