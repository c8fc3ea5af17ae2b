import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ToolEnv, toolEnv } from './tool-env';

const OLD = `sk_old_${randomUUID()}`;
const NEW = `sk_new_${randomUUID()}`;
const DAY = 86_400_000;
let t: ToolEnv;

/** latch through the unlock agent (no password anywhere). */
const run = (args: string[], stdin = '') => t.latch(args, stdin);

async function addKey(name: string, value: string, kind = 'api-key'): Promise<void> {
  const fields =
    kind === 'api-key'
      ? ['--field', 'header=Authorization', '--field', 'value=-']
      : ['--field', 'name=WEBHOOK_SECRET', '--field', 'value=-'];
  const add = await t.withPassword(['add', 'Billing', '--kind', kind, '--name', name, ...fields], `${value}\n`);
  expect(add.code, add.stderr).toBe(0);
}

beforeAll(async () => {
  t = await toolEnv('rotate');
  await addKey('live', OLD);
  await addKey('webhook', OLD, 'secret');
});
afterAll(() => t?.close());

describe('latch rotate', () => {
  it('takes the new secret from stdin after the password line; the old one is served as previous.FIELD for the grace period', async () => {
    const before = Date.now();
    const r = await t.withPassword(
      ['rotate', 'latch://Billing/live', '--value', '-', '--grace', '3', '--json'],
      `${NEW}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ service: 'Billing', credential: 'live', field: 'value', generated: false });
    expect(out.previous).toBe('latch://Billing/live/previous.value');
    const until = Date.parse(out.previousUntil);
    expect(until).toBeGreaterThanOrEqual(before + 3 * DAY);
    expect(until).toBeLessThanOrEqual(Date.now() + 3 * DAY);
    expect(r.stdout + r.stderr).not.toContain(NEW);

    await t.unlock();
    expect((await run(['get', 'Billing/live'])).stdout).toBe(`${NEW}\n`);
    expect((await run(['get', out.previous])).stdout).toBe(`${OLD}\n`);
    expect(t.filesHolding(NEW)).toEqual([]);
  });

  it('generates a new secret without printing it, and says when the old value stops being served', async () => {
    await t.unlock();
    const r = await run(['rotate', 'Billing/webhook', '--generate', '--grace', '0.00001']);
    expect(r.code, r.stderr).toBe(0);
    const generated = (await run(['get', 'Billing/webhook'])).stdout.trim();
    expect(generated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.stdout + r.stderr).not.toContain(generated);
    expect(r.stdout).toContain('latch://Billing/webhook/previous.value until');
    const until = Date.parse(/until (\S+) /.exec(r.stdout)![1]!);

    // A grace period under a second: served until the stated time, then refused.
    const during = await run(['get', 'Billing/webhook/previous.value']);
    if (Date.now() < until) expect(during.stdout).toBe(`${OLD}\n`);
    await new Promise((done) => setTimeout(done, Math.max(0, until - Date.now() + 5)));
    const after = await run(['get', 'Billing/webhook/previous.value']);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
  });

  it('with --grace 0 the previous value is not served at all', async () => {
    await t.unlock();
    const r = await run(['rotate', 'Billing/live', '--generate', '--grace', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no longer served');
    expect((await run(['get', 'Billing/live/previous.value'])).code).toBe(1);
  });

  it('refuses a secret in argv, two sources, a field that is not secret, a key it cannot make up and a bad grace, changing nothing', async () => {
    await t.unlock();
    const vaultBefore = readFileSync(t.vault);
    for (const args of [
      ['Billing/live', '--value', 'typed-in-argv'],
      ['Billing/live', '--value', '-', '--generate'],
      ['Billing/live'],
      ['Billing/live/header', '--generate'],
      ['Billing/live', '--generate', '--grace', '400'],
      ['Billing/live', '--generate', '--grace', 'soon'],
      ['Billing/live/previous.value', '--generate'],
    ]) {
      const r = await run(['rotate', ...args], 'stdin-value\n');
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).not.toContain('typed-in-argv');
    }
    const aws = await t.withPassword(
      [
        'add',
        'AWS',
        '--kind',
        'aws-sigv4',
        '--name',
        'dev',
        '--field',
        'accessKeyId=AKIAEXAMPLE',
        '--field',
        'region=us-east-1',
        '--field',
        'service=s3',
        '--field',
        'secretAccessKey=-',
      ],
      'aws-secret\n',
    );
    expect(aws.code, aws.stderr).toBe(0);
    await t.unlock();
    const afterAdd = readFileSync(t.vault);
    const made = await run(['rotate', 'AWS/dev', '--generate']);
    expect(made.code, made.stderr).toBe(2);
    expect(made.stderr).toContain('--value -');
    expect(readFileSync(t.vault).equals(afterAdd)).toBe(true);
    expect(vaultBefore.length).toBeGreaterThan(0);
  });
});
