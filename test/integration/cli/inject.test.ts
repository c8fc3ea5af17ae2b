import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plant, planted } from './no-secret-on-disk';
import { latch } from './run-latch';
import { type ToolEnv, toolEnv } from './tool-env';

const DB_PASSWORD = plant('db');
const API_KEY = plant('key');
let t: ToolEnv;
let tpl: string;

beforeAll(async () => {
  t = await toolEnv('inject');
  for (const [service, kind, name, fields, value] of [
    ['Prod DB', 'basic', 'app', ['username=app', 'password=-'], DB_PASSWORD],
    ['Stripe', 'api-key', 'live', ['header=Authorization', 'value=-'], API_KEY],
  ] as const) {
    const add = await t.withPassword(
      ['add', service, '--kind', kind, '--name', name, ...fields.flatMap((f) => ['--field', f])],
      `${value}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
  }
  tpl = join(t.dir, 'config.tpl');
  writeFileSync(
    tpl,
    'db:\n  user: {{ latch://Prod%20DB/app/username }}\n  password: {{latch://Prod%20DB/app/password}}\nstripe: "{{ latch://Stripe/live }}"\nagain: {{ latch://Stripe/live }}\n',
  );
});

afterAll(() => t?.close());

describe('latch inject', () => {
  it('--dry-run lists the references with their lines and resolves nothing (no vault needed)', async () => {
    const r = await latch(['inject', '-i', tpl, '--dry-run', '--json'], {
      env: { ...t.env, LATCH_VAULT: join(t.dir, 'none.latch') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).references).toEqual([
      { reference: 'latch://Prod%20DB/app/username', line: 2 },
      { reference: 'latch://Prod%20DB/app/password', line: 3 },
      { reference: 'latch://Stripe/live', line: 4 },
    ]);
  });

  it('writes the output mode 600 with every reference replaced; the secrets are in no other file', async () => {
    const out = join(t.dir, 'config.yml');
    const r = await t.withPassword(['inject', '-i', tpl, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      `db:\n  user: app\n  password: ${DB_PASSWORD}\nstripe: "${API_KEY}"\nagain: ${API_KEY}\n`,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // The output is what the user asked for: the one file allowed to hold the secrets.
    expect(t.filesHolding(planted())).toEqual([out]);
  });

  it('refuses a mode others could read, and an existing output without --force; replaces a symlink instead of writing through it', async () => {
    const out = join(t.dir, 'open.yml');
    const open = await t.withPassword(['inject', '-i', tpl, '-o', out, '--mode', '644']);
    expect(open.code).toBe(2);
    expect(() => statSync(out)).toThrow();

    const victim = join(t.dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const link = join(t.dir, 'link.yml');
    symlinkSync(victim, link);
    expect((await t.withPassword(['inject', '-i', tpl, '-o', link])).code).toBe(1);
    const forced = await t.withPassword(['inject', '-i', tpl, '-o', link, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(statSync(link).mode & 0o777).toBe(0o600);
    expect(statSync(link).isFile()).toBe(true);
  });
});

it('leaves no planted value on disk in any encoding but in the two outputs the user asked for', () => {
  // config.yml and link.yml (the symlink replaced by a file) are inject's wanted output, and only they.
  expect(t.plantedOnDisk([join(t.dir, 'config.yml'), join(t.dir, 'link.yml')])).toEqual([]);
});
