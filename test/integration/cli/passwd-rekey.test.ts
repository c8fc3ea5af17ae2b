// `latch passwd --rekey`: a new vault key, and the backups under the old key deleted or re-keyed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latch } from './run-latch';
import { toolEnv } from './tool-env';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-rekey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OLD = 'old master password';
const NEW = 'new master password';

async function vaultWithBackups(name: string) {
  const folder = join(dir, name);
  mkdirSync(folder);
  const vault = join(folder, 'v.latch');
  const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault };
  expect((await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${OLD}\n`, env })).code).toBe(
    0,
  );
  for (const s of ['one', 'two']) {
    const r = await latch(
      ['--password-stdin', 'add', s, '--kind', 'api-key', '--name', 'k', '--field', 'header=A', '--field', 'value=-'],
      { stdin: `${OLD}\nsk_${s}\n`, env },
    );
    expect(r.code).toBe(0);
  }
  mkdirSync(join(folder, 'backups'));
  const daily = join(folder, 'backups', 'vault-20260101-000000.latch');
  copyFileSync(vault, daily);
  return { vault, env, daily };
}

const get = (env: Record<string, string>, password: string, vaultPath?: string) =>
  latch(['--password-stdin', 'get', 'latch://one/k', ...(vaultPath ? ['--vault', vaultPath] : [])], {
    stdin: `${password}\n`,
    env,
  });

describe('latch passwd --rekey', () => {
  it('needs a backup choice', async () => {
    const { env } = await vaultWithBackups('usage');
    const r = await latch(['passwd', '--password-stdin', '--rekey'], { stdin: `${OLD}\n${NEW}\n`, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--backups delete');
  });

  it('--backups delete: the vault opens with the new password only, the old-key backups are gone', async () => {
    const { vault, env, daily } = await vaultWithBackups('delete');
    expect(existsSync(`${vault}.bak`)).toBe(true);
    const r = await latch(['passwd', '--password-stdin', '--rekey', '--backups', 'delete', '--json'], {
      stdin: `${OLD}\n${NEW}\n`,
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rekeyed: true, records: 2, leftBehind: [] });
    expect(existsSync(`${vault}.bak`)).toBe(false);
    expect(existsSync(daily)).toBe(false);
    expect((await get(env, NEW)).stdout.trim()).toBe('sk_one');
    expect((await get(env, OLD)).code).toBe(3);
  });

  it('--backups rekey: every backup opens with the new password, none with the old', async () => {
    const { vault, env, daily } = await vaultWithBackups('rekey');
    const r = await latch(['passwd', '--password-stdin', '--rekey', '--backups', 'rekey'], {
      stdin: `${OLD}\n${NEW}\n`,
      env,
    });
    expect(r.code).toBe(0);
    for (const copy of [vault, daily]) {
      expect((await get(env, NEW, copy)).stdout.trim()).toBe('sk_one');
      expect((await get(env, OLD, copy)).code).toBe(3);
    }
    // The .bak is the file before the second add: it opens with the new password too.
    const bak = await latch(['--password-stdin', 'list', '--json', '--vault', `${vault}.bak`], {
      stdin: `${NEW}\n`,
      env,
    });
    expect(bak.code).toBe(0);
  });

  it('tells a `latch unlock --for` agent holding the old key to forget it', async () => {
    const t = await toolEnv('rekey-agent');
    try {
      await t.unlock();
      // With the agent, a read needs no password (and finds no such service).
      expect((await t.latch(['get', 'latch://none/none'])).stderr).toContain('No service is named');
      const r = await t.withPassword(['passwd', '--rekey', '--backups', 'delete', '--json'], `${NEW}\n`);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ rekeyed: true, agentStopped: true });
      // No agent answers any more: the same read now asks for the password.
      const after = await t.latch(['get', 'latch://none/none']);
      expect(after.code).toBe(2);
      expect(after.stderr).toContain('No terminal to ask for the password');
    } finally {
      await t.close();
    }
  });
});
