import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_KDF_MAX_ITERATIONS, startEarlyKdf } from '../../../main/cli/early-kdf';
import { takeOverEarly } from '../../../main/cli/early-unlock';
import type { CliIo } from '../../../main/cli/io';
import { SecretInput } from '../../../main/cli/secret-input';
import { createVault } from '../../../main/core/vault';
import * as kdfModule from '../../../main/core/vault/kdf';
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

/** A file standing for stdin (a file is one of the kinds the early start reads synchronously), opened to read. */
function stdinFile(content: string | Buffer): number {
  const path = `${tempVaultPath()}.stdin`;
  writeFileSync(path, content);
  return openSync(path, 'r');
}
const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
});
const input = (content: string, env: Record<string, string> = {}) => {
  const fd = stdinFile(content);
  fds.push(fd);
  return { env, platform: 'linux', homedir: () => '/nonexistent', fd };
};
/** What is left of the descriptor's input after the early start. */
function rest(fd: number): string {
  const buf = Buffer.alloc(1024);
  return buf.subarray(0, readSync(fd, buf, 0, buf.length, null)).toString();
}

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

describe('startEarlyKdf: latch get --password-stdin starts PBKDF2 before the rest of latch loads', () => {
  async function vault(): Promise<string> {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    return path;
  }

  it('for get REF --password-stdin (--vault or $LATCH_VAULT): node:crypto has started, the line is kept for the unlock, the rest of stdin is left', async () => {
    const path = await vault();
    const webCrypto = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    for (const [argv, env] of [
      [['get', 'S/c', '--password-stdin', '--vault', path], {}],
      [['--password-stdin', '--json', 'get', 'S/c'], { LATCH_VAULT: path }],
    ] as const) {
      webCrypto.mockClear();
      const given = input(`${PASSWORD}\r\nsecond\n`, env);
      const early = startEarlyKdf(argv, given);
      expect(early?.started, argv.join(' ')).toBeDefined();
      expect(early?.first).toEqual({ line: PASSWORD });
      expect(rest(given.fd)).toBe('second\n');
      expect(webCrypto, 'node:crypto, not WebCrypto').not.toHaveBeenCalled();
      const unlock = await takeOverEarly(early, ioWith('', env));
      expect(await unlock!.secrets.next('Master password: ')).toBe(PASSWORD);
      expect(unlock!.started).toBe(early!.started);
      // The bits are the header's: the take for the verified password and parameters gets them.
      expect(await unlock!.started!.take(PASSWORD, early!.kdf)).toEqual(
        await kdfModule.derivePasswordBits(PASSWORD, early!.kdf),
      );
    }
  });

  it('asks for the home folder only when neither --vault nor $LATCH_VAULT names the file (the default path)', async () => {
    const path = await vault();
    const asked: string[] = [];
    const home = tempVaultPath().replace(/\/vault\.latch$/, '');
    for (const [argv, env] of [
      [['get', 'S/c', '--password-stdin', '--vault', path], {}],
      [['get', 'S/c', '--password-stdin'], { LATCH_VAULT: path }],
      [['get', 'S/c', '--password-stdin'], {}],
    ] as const) {
      const homedir = () => {
        asked.push(argv.join(' '));
        return home;
      };
      const given = { ...input(`${PASSWORD}\n`, env), homedir };
      startEarlyKdf(argv, given)?.started?.forget();
    }
    expect(asked).toEqual(['get S/c --password-stdin']);
  });

  it('nothing for other arguments or a file that is not plainly a vault (stdin untouched); no derivation without a password line', async () => {
    const path = await vault();
    for (const argv of [
      ['get', 'S/c', '--vault', path],
      ['list', '--password-stdin', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--password-stdin', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--recovery-kit', 'k', '--vault', path],
      ['get', 'S/c', '--password-stdin', '--vault', `${path}.none`],
    ]) {
      const given = input(`${PASSWORD}\n`);
      expect(startEarlyKdf(argv, given), argv.join(' ')).toBeUndefined();
      expect(rest(given.fd)).toBe(`${PASSWORD}\n`);
    }
    for (const stdin of ['', '\n', '\r']) {
      const early = startEarlyKdf(['get', 'S/c', '--password-stdin', '--vault', path], input(stdin));
      expect(early?.started, JSON.stringify(stdin)).toBeUndefined();
      const unlock = await takeOverEarly(early, ioWith(''));
      expect(unlock?.started).toBeUndefined();
      if (stdin === '\n') expect(await unlock!.secrets.next('Master password: ')).toBe('');
      else await expect(unlock!.secrets.next('Master password: ')).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    }
  });

  it('no head start on a header naming more iterations than the cap: the ordinary path verifies the file before it derives', async () => {
    const path = await vault();
    const file = readFileSync(path, 'latin1');
    const named = `"iterations":${TEST_ITERATIONS}`;
    const saltAt = file.indexOf('"salt":"') + '"salt":"'.length;
    expect(file.includes(named) && saltAt > 8).toBe(true);
    // A damaged header of the same length (the checksum no longer matches): 25M iterations, a salt a character short.
    const huge = `"iterations":${25_000_000}`;
    const cut = huge.length - named.length;
    const tampered = `${file.slice(0, saltAt)}${file.slice(saltAt + cut)}`.replace(named, huge);
    expect(tampered.length).toBe(file.length);
    writeFileSync(path, tampered, 'latin1');
    const given = input(`${PASSWORD}\n`);
    expect(startEarlyKdf(['get', 'S/c', '--password-stdin', '--vault', path], given)).toBeUndefined();
    expect(rest(given.fd), 'stdin left to the ordinary path').toBe(`${PASSWORD}\n`);
    expect(25_000_000).toBeGreaterThan(EARLY_KDF_MAX_ITERATIONS);
  });

  it('bytes it could not be sure of go back to stdin, whose reader reads them as before, and the derivation starts then', async () => {
    const path = await vault();
    const argv = ['get', 'S/c', '--password-stdin', '--vault', path];
    // A lone \r ends a line only at the next byte, one too many: given back, with the rest after it on the stream.
    const early = startEarlyKdf(argv, input(`${PASSWORD}\rs`));
    expect(early?.first).toEqual({ unread: Buffer.from(`${PASSWORD}\rs`) });
    expect(early?.started).toBeUndefined();
    const unlock = await takeOverEarly(early, ioWith('econd\n'));
    expect(unlock?.started).toBeDefined();
    expect(await unlock!.secrets.next('Master password: ')).toBe(PASSWORD);
    expect(await unlock!.secrets.next('New password: ')).toBe('second');
    unlock!.started!.forget();
  });
});
