import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latch } from './run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Password-only vaults here: no keychain needed, so these tests also run without the peers.
const env = { LATCH_NO_KEYCHAIN: '1' };

describe('latch command line', () => {
  const vault = join(dir, 'cli.latch');

  it('init with --password-stdin creates a vault; a second init refuses (exit 1)', async () => {
    const r = await latch(['init', '--vault', vault, '--password-stdin', '--iterations', '100000', '--json'], {
      stdin: 'first password\n',
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      path: vault,
      mode: 'password',
      iterations: 100000,
      quickUnlock: false,
    });
    const again = await latch(['init', '--vault', vault, '--password-stdin', '--iterations', '100000'], {
      stdin: 'another password\n',
      env,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^latch: /);
  });

  it('status --json reports the vault without unlocking it', async () => {
    const r = await latch(['status', '--json'], { env: { ...env, LATCH_VAULT: vault } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      path: vault,
      exists: true,
      locked: true,
      formatVersion: 1,
      mode: 'password',
      iterations: 100000,
      quickUnlock: 'off',
      keychain: { reachable: false },
    });
    const missing = await latch(['status', '--json', '--vault', join(dir, 'none.latch')], { env });
    expect(missing.code).toBe(0);
    expect(JSON.parse(missing.stdout)).toMatchObject({ exists: false });
  });

  it('passwd reads old then new from stdin; wrong password exits 3 with only "wrong password"', async () => {
    const bad = await latch(['passwd', '--vault', vault, '--password-stdin'], { stdin: 'not it\nwhatever\n', env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toBe('latch: Wrong password.\n');
    const ok = await latch(['passwd', '--vault', vault, '--password-stdin'], {
      stdin: 'first password\nsecond password\n',
      env,
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const old = await latch(['passwd', '--vault', vault, '--password-stdin'], {
      stdin: 'first password\nthird password\n',
      env,
    });
    expect(old.code).toBe(3);
    const missingLine = await latch(['passwd', '--vault', vault, '--password-stdin'], {
      stdin: 'second password\n',
      env,
    });
    expect(missingLine.code).toBe(2);
    expect(missingLine.stderr).not.toContain('second password');
  });

  it('a closed standard output ends the command quietly: no EPIPE stack trace', async () => {
    for (const args of [['--help'], ['status', '--vault', vault], ['list', '--vault', vault, '--password-stdin']]) {
      const r = await latch(args, { env, closedStdout: true, stdin: 'second password\n' });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('usage errors exit 2 and print "latch: <message>" without a stack', async () => {
    for (const args of [
      ['frobnicate'],
      ['status', '--no-such-option'],
      ['init', '--iterations', 'many', '--password-stdin'],
      [],
    ]) {
      const r = await latch(['--vault', vault, ...args], { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const noTty = await latch(['passwd', '--vault', vault], { env });
    expect(noTty.code).toBe(2);
    const help = await latch(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('passwd');
  });

  it('refuses a master password shorter than the app allows (exit 2) and never writes the file', async () => {
    const path = join(dir, 'short.latch');
    for (const pw of ['x', '1234567', 'ééééééé']) {
      const r = await latch(['init', '--vault', path, '--password-stdin', '--iterations', '100000'], {
        stdin: `${pw}\n`,
        env,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('at least 8 characters');
    }
    const s = await latch(['status', '--json', '--vault', path], { env });
    expect(JSON.parse(s.stdout).exists).toBe(false);
  });

  it('refuses a too-low iteration count (exit 2) and never writes the file', async () => {
    const path = join(dir, 'low.latch');
    const r = await latch(['init', '--vault', path, '--password-stdin', '--iterations', '1000'], {
      stdin: 'long enough password\n',
      env,
    });
    expect(r.code).toBe(2);
    const s = await latch(['status', '--json', '--vault', path], { env });
    expect(JSON.parse(s.stdout).exists).toBe(false);
  });
});
