import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEarlyKdf } from '../../../main/cli/early-kdf';
import type { CliIo } from '../../../main/cli/io';
import { SecretInput } from '../../../main/cli/secret-input';
import { createVault } from '../../../main/core/vault';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from '../vault/helpers';

afterEach(() => vi.restoreAllMocks());

const sink = () => new Writable({ write: (_c, _e, done) => done() });
const ioWith = (input: string, env: Record<string, string> = {}): CliIo => ({
  stdin: Readable.from([input], { objectMode: false }),
  stdout: sink(),
  stderr: sink(),
  env,
  platform: 'linux',
  homedir: '/nonexistent',
});

describe('SecretInput.firstLine (read ahead before the command loads)', () => {
  it('the first next() still gives the first line, the next one the second', async () => {
    const secrets = new SecretInput(ioWith('first\nsecond\n'), true);
    expect(await secrets.firstLine()).toBe('first');
    expect(await secrets.next('Master password: ')).toBe('first');
    expect(await secrets.next('New password: ')).toBe('second');
    secrets.close();
  });

  it('stdin without a line: null ahead, and next() fails as it did', async () => {
    const secrets = new SecretInput(ioWith(''), true);
    expect(await secrets.firstLine()).toBeNull();
    await expect(secrets.next('Master password: ')).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });
});

describe('startEarlyKdf: latch get --password-stdin starts PBKDF2 before the command loads', () => {
  async function vault(): Promise<string> {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    return path;
  }
  const pbkdf2Runs = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.filter(([a]) => (a as { name: string }).name === 'PBKDF2').length;

  it('for get REF --password-stdin (--vault or $LATCH_VAULT): the derivation has started, the line is kept for the unlock', async () => {
    const path = await vault();
    const derive = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    for (const [argv, env] of [
      [['get', 'S/c', '--password-stdin', '--vault', path], {}],
      [['--password-stdin', '--json', 'get', 'S/c'], { LATCH_VAULT: path }],
    ] as const) {
      derive.mockClear();
      const early = await startEarlyKdf(argv, ioWith(`${PASSWORD}\n`, env));
      expect(early?.started, argv.join(' ')).toBeDefined();
      await new Promise((r) => setImmediate(r));
      expect(pbkdf2Runs(derive)).toBe(1);
      expect(await early!.secrets.next('Master password: ')).toBe(PASSWORD);
      early!.started!.forget();
    }
  });

  it('nothing for other arguments, a file that is not plainly a vault, or no password line', async () => {
    const path = await vault();
    for (const argv of [
      ['get', 'S/c', '--vault', path],
      ['list', '--password-stdin', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--password-stdin', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--recovery-kit', 'k', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--vault', `${path}.none`],
    ])
      expect(await startEarlyKdf(argv, ioWith(`${PASSWORD}\n`)), argv.join(' ')).toBeUndefined();
    const noLine = await startEarlyKdf(['get', 'S/c', '--password-stdin', '--vault', path], ioWith(''));
    expect(noLine?.started).toBeUndefined();
  });
});
