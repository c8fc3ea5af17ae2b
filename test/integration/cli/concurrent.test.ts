// Many `latch` processes writing one vault at once, as scripts and CI jobs do: a command that loses
// the race reloads, re-applies its own change (per record) and saves; a new service is one save.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latch } from './run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PW = 'master password';
const ITER = ['--iterations', '100000'];

async function newVault(name: string): Promise<Record<string, string>> {
  const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, name) };
  const init = await latch(['init', '--password-stdin', ...ITER], { stdin: `${PW}\n`, env });
  expect(init.code).toBe(0);
  return env;
}

/** `latch add SERVICE` with the value read from stdin after the password line (never in argv). */
const add = (env: Record<string, string>, service: string, credential: string, extra: string[] = []) =>
  latch(
    [
      '--password-stdin',
      'add',
      service,
      '--kind',
      'api-key',
      '--name',
      credential,
      '--field',
      'header=Authorization',
      '--field',
      'value=-',
      ...extra,
    ],
    { stdin: `${PW}\nsk_${service}_${credential}\n`, env },
  );

const revision = async (env: Record<string, string>) =>
  JSON.parse((await latch(['status', '--json'], { env })).stdout).revision as number;

describe('latch writers racing on one vault', () => {
  it('twenty `latch add` started at once all land', { timeout: 240_000 }, async () => {
    const env = await newVault('race.latch');
    const names = Array.from({ length: 20 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const runs = await Promise.all(names.map((n) => add(env, n, 'key')));
    expect(runs.filter((r) => r.code !== 0 || r.stderr !== '')).toEqual([]);
    const list = await latch(['--password-stdin', 'list', '--json'], { stdin: `${PW}\n`, env });
    expect(list.code).toBe(0);
    const services = (JSON.parse(list.stdout) as { services: { name: string }[] }).services.map((s) => s.name).sort();
    expect(services).toEqual(names);
    for (const n of [names[0]!, names[19]!]) {
      const got = await latch(['--password-stdin', 'get', `latch://${n}/key`], { stdin: `${PW}\n`, env });
      expect(got.stdout.trim()).toBe(`sk_${n}_key`);
    }
  });

  it('`latch add` into a new service is one save (one revision), so no kill can leave it empty', async () => {
    const env = await newVault('one-save.latch');
    const r0 = await revision(env);
    expect((await add(env, 'Fresh', 'first', ['--url', 'https://api.example.com'])).code).toBe(0);
    expect(await revision(env)).toBe(r0 + 1);
    // An existing service whose base URL changes too: still one save.
    expect((await add(env, 'Fresh', 'second', ['--url', 'https://api2.example.com'])).code).toBe(0);
    expect(await revision(env)).toBe(r0 + 2);
  });
});
