import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type ToolEnv, toolEnv } from './tool-env';

const SECRET = `sk_${crypto.randomUUID()}`;
/**
 * A hostile vault name (an imported or shared vault): as a zsh word, *(e'pwned') is a glob qualifier that runs
 * pwned for each file, and "-rf" an option. Offered, each must be a word every shell passes on as it is.
 */
const HOSTILE = { service: "*(e'pwned')", credential: '-rf', word: '%2A%28e%27pwned%27%29' };
let t: ToolEnv;
let locked: Record<string, string>;

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' }).status === 0;
const HAS_ZSH = has('zsh');
const HAS_FISH = has('fish');
if (!HAS_ZSH) console.warn('completion: the zsh checks skipped: zsh is not installed (apt-get install zsh).');
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

/** What TAB in zsh does with each of `lines`: the candidates added, and the line as it leaves it. */
interface ZshTab {
  offers: string[];
  line: string;
}

/** Presses TAB at the end of each line in a real interactive zsh (test/integration/cli/zsh-complete.zsh). */
function zshTab(lines: string[], cwd: string): ZshTab[] {
  const r = spawnSync('zsh', ['-f', join(import.meta.dirname, 'zsh-complete.zsh'), ...lines], {
    env: { ...process.env, ...t.env },
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  const sections = r.stdout.split('\x1e\n').slice(0, -1);
  expect(sections).toHaveLength(lines.length);
  return sections.map((section) => {
    const rows = section.split('\n').filter((w) => w !== '');
    return {
      offers: rows.filter((w) => !w.startsWith('\x1f')),
      line: rows.find((w) => w.startsWith('\x1f'))!.slice(1),
    };
  });
}

beforeAll(async () => {
  t = await toolEnv('completion');
  for (const [service, name] of [
    ['Stripe', 'live'],
    ['Stripe', 'test'],
    ['Billing EU', 'webhook'],
    [HOSTILE.service, HOSTILE.credential],
  ]) {
    const add = await t.withPassword(
      ['add', service!, '--kind', 'secret', `--name=${name}`, '--field', 'name=KEY', '--field', 'value=-'],
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
    expect(bashOffers('latch list ')).toEqual([HOSTILE.word, 'Billing%20EU', 'Stripe']);
    // latch edit takes a service or one of its credentials.
    expect(bashOffers('latch edit Bi')).toEqual(['Billing%20EU', 'Billing%20EU/webhook']);
    const all = bashOffers('latch get ');
    expect(all).toHaveLength(4);
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
        join(ROOT, 'bin/latch.cjs'),
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

describe('latch completion zsh (real zsh: compinit, then TAB on a pseudo-terminal)', () => {
  // One zsh session for every line: compinit and the script load once.
  let tab: Record<string, ZshTab>;
  beforeAll(() => {
    if (!HAS_ZSH) return;
    const files = join(t.dir, 'zsh-files');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'app.env'), '');
    writeFileSync(join(files, 'app.tpl'), '');
    // The vault again under a name with a space, typed as zsh needs it: my\ vault.latch.
    symlinkSync(t.vault, join(files, 'my vault.latch'));
    const lines = [
      'latch ro',
      'latch jwt ',
      'latch get --',
      'latch get ',
      'latch list ',
      'latch get St',
      'latch get Bi',
      'latch inject -i app.',
      'latch --vault my\\ vault.latch list S',
    ];
    tab = Object.fromEntries(zshTab(lines, files).map((r, i) => [lines[i]!, r]));
  });

  it.runIf(HAS_ZSH)(
    'TAB offers commands, options, names through the unlock agent (never a value), and file names after -i',
    () => {
      // A word completed in full is followed by a space, as bash and fish leave it.
      expect(tab['latch ro']).toEqual({ offers: ['rotate'], line: 'latch rotate ' });
      expect(tab['latch jwt ']!.offers).toEqual(['decode', 'sign', 'verify']);
      expect(tab['latch get --']!.offers).toEqual([
        '--help',
        '--insecure-argv',
        '--json',
        '--password-stdin',
        '--recovery-kit',
        '--vault',
      ]);
      expect(tab['latch get ']!.offers).toEqual([
        `latch://${HOSTILE.word}/%2Drf`,
        'latch://Billing%20EU/webhook',
        'latch://Stripe/live',
        'latch://Stripe/test',
      ]);
      expect(JSON.stringify(tab)).not.toContain(SECRET);
      expect(tab['latch list ']!.offers).toEqual([HOSTILE.word, 'Billing%20EU', 'Stripe']);
      expect(tab['latch get St']!.offers).toEqual(['Stripe/live', 'Stripe/test']);
      // "Billing EU" is the one word Billing%20EU, which latch get and latch list read back (main/cli/service-name.ts).
      expect(tab['latch get Bi']).toEqual({
        offers: ['Billing%20EU/webhook'],
        line: 'latch get Billing%20EU/webhook ',
      });
      expect(tab['latch inject -i app.']!.offers).toEqual(['app.env', 'app.tpl']);
      // The vault the line names, its quoting removed as zsh will remove it (not a path with a backslash).
      expect(tab['latch --vault my\\ vault.latch list S']!.line).toBe('latch --vault my\\ vault.latch list Stripe ');
    },
  );

  it.runIf(HAS_ZSH)('every name offered is a word zsh and bash pass on as it is, and latch reads it back', async () => {
    const words = [...tab['latch get ']!.offers, ...tab['latch list ']!.offers];
    for (const shell of ['zsh', 'bash'] as const) {
      // In a folder with files, so that a glob (and a zsh glob qualifier) would match and run.
      const r = spawnSync(
        shell,
        ['-c', `pwned() { echo PWNED; }; ${words.map((w) => `printf '%s\\n' ${w}`).join('; ')}`],
        {
          cwd: t.dir,
          encoding: 'utf8',
        },
      );
      expect(r.stdout + r.stderr, shell).toBe(words.map((w) => `${w}\n`).join(''));
    }
    const runs = await Promise.all([
      t.latch(['get', `latch://${HOSTILE.word}/%2Drf`]),
      t.latch(['get', 'Billing%20EU/webhook']),
      t.latch(['list', HOSTILE.word]),
    ]);
    expect(runs.slice(0, 2)).toEqual([
      { code: 0, stdout: `${SECRET}\n`, stderr: '' },
      { code: 0, stdout: `${SECRET}\n`, stderr: '' },
    ]);
    expect(runs[2]!.stdout).toContain(HOSTILE.service);
  });
});

describe('latch completion fish', () => {
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
