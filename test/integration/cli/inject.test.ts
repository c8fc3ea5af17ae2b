import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('refuses a mode others could read, and a symlinked output even with --force: nothing is written through it', async () => {
    const out = join(t.dir, 'open.yml');
    const open = await t.withPassword(['inject', '-i', tpl, '-o', out, '--mode', '644']);
    expect(open.code).toBe(2);
    expect(() => statSync(out)).toThrow();

    const victim = join(t.dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const link = join(t.dir, 'link.yml');
    symlinkSync(victim, link);
    for (const force of [[], ['--force']]) {
      const r = await t.withPassword(['inject', '-i', tpl, '-o', link, ...force]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('symbolic link');
    }
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('--mode: 600 and 400 only (group, setuid, execute and unreadable modes refused before any secret is read)', async () => {
    const refused = await Promise.all(
      ['640', '4600', '000', '700', '200'].map(async (mode) => {
        const out = join(t.dir, `mode-${mode}.yml`);
        const r = await t.withPassword(['inject', '-i', tpl, '-o', out, '--mode', mode]);
        return { mode, code: r.code, written: existsSync(out), said: r.stderr.includes('Use 600 (or 400') };
      }),
    );
    for (const r of refused) expect(r).toEqual({ mode: r.mode, code: 2, written: false, said: true });
    const out = join(t.dir, 'read-only.yml');
    const r = await t.withPassword(['inject', '-i', tpl, '-o', out, '--mode', '400']);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(0o400);
  });

  it('with --force: an existing 0644 output becomes 0600; a FIFO output is refused and left as it is', async () => {
    const out = join(t.dir, 'was-open.yml');
    writeFileSync(out, 'old\n', { mode: 0o644 });
    const forced = await t.withPassword(['inject', '-i', tpl, '-o', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain(API_KEY);

    const fifo = join(t.dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await t.withPassword(['inject', '-i', tpl, '-o', fifo, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a regular file');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('an output that cannot be written is refused before the vault is opened: no password asked, nothing resolved', async () => {
    const existing = join(t.dir, 'exists.yml');
    writeFileSync(existing, 'kept\n');
    const fifo = join(t.dir, 'early.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // No agent and no password: had the vault been opened first, the answer would be how to unlock it.
    const noAgent = { XDG_RUNTIME_DIR: join(t.dir, 'nowhere') };
    for (const [out, force, code, says] of [
      [existing, false, 1, `${existing} already exists; nothing was written. Add --force to replace it.`],
      [join(t.dir, 'no-such-folder', 'x.yml'), true, 1, 'could not be written (ENOENT); nothing was changed there.'],
      [join(t.dir, 'exists.yml', 'x.yml'), true, 1, 'could not be written (ENOTDIR)'],
      [t.dir, true, 2, 'is not a regular file'],
      [fifo, true, 2, 'is not a regular file'],
    ] as const) {
      const r = await t.program(['latch', 'inject', '-i', tpl, '-o', out, ...(force ? ['--force'] : [])], {
        env: noAgent,
      });
      expect(r.code, out).toBe(code); // ERR_SAVE_FAILED or ERR_CONFLICT 1, ERR_BAD_INPUT 2
      expect(r.stderr, out).toContain(says);
      expect(r.stderr, out).not.toMatch(/unlock|password|internal error/i);
    }
    expect(readFileSync(existing, 'utf8')).toBe('kept\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a write the file system refuses is an error saying what to do, not "internal error"', async () => {
    const before = readFileSync('/proc/version', 'utf8');
    const r = await t.withPassword(['inject', '-i', tpl, '-o', '/proc/version', '--force']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/\/proc\/version could not be written \((ENOENT|EACCES)\); nothing was changed there\. /);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout + r.stderr).not.toContain(API_KEY);
    expect(readFileSync('/proc/version', 'utf8')).toBe(before);
  });

  it('a template that is not UTF-8 (a Latin-1 .properties file) is refused by line, not silently rewritten', async () => {
    // Each byte that is not UTF-8 became U+FFFD (3 bytes) in the output: café=… written as caf\uFFFD=….
    const latin1 = join(t.dir, 'app.properties.tpl');
    writeFileSync(latin1, Buffer.from('# app\ncaf\xe9.key={{ latch://Stripe/live }}\n', 'latin1'));
    const r = await t.withPassword(['inject', '-i', latin1]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/is not UTF-8 text \(line 2\)/);
  });
});

it('leaves no planted value on disk in any encoding but in the outputs the user asked for', () => {
  // config.yml, read-only.yml (--mode 400) and was-open.yml (the 0644 file replaced with --force) are inject's
  // wanted output, and only they (link.yml, a symlink, was refused).
  const wanted = ['config.yml', 'read-only.yml', 'was-open.yml'].map((f) => join(t.dir, f));
  expect(t.plantedOnDisk(wanted)).toEqual([]);
});
