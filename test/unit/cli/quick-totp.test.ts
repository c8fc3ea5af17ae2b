import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { printTotpFromStdin } from '../../../main/cli/quick-totp';
import { runCli } from '../../../main/cli/run';
import { syncOutput } from '../../../main/cli/sync-output';
import { plainTotpUri } from '../../../main/cli/totp-args';
import { collected } from '../../support/collected';

const dir = mkdtempSync(join(tmpdir(), 'latch-quick-totp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stdin as the process would have it: a file's descriptor, read with blocking reads; or /dev/null, read as a stream. */
type Stdin = { file: string | Buffer } | 'dev-null';

/** What a run printed on each stream, and its exit code, with `stdin`. */
async function answer(stdin: Stdin, run: (io: CliIo) => number | Promise<number>) {
  const path = stdin === 'dev-null' ? '/dev/null' : join(dir, `in-${Math.random()}`);
  if (stdin !== 'dev-null') writeFileSync(path, stdin.file);
  const fd = openSync(path, 'r');
  const stdout = collected();
  const stderr = collected();
  let made = false;
  const io: CliIo = {
    get stdin() {
      made = true;
      return createReadStream(path);
    },
    stdinFd: () => (made ? undefined : fd),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    platform: process.platform,
    homedir: '/nonexistent',
  };
  try {
    const code = await run(io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    closeSync(fd);
  }
}

const RFC_SHA1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_SHA256 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const RFC_SHA512 = `${RFC_SHA256}${'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA'}`;
const uri = (query: string, type = 'totp') => `otpauth://${type}/Example:alice?${query}\n`;

/** A URI (or other stdin) for every answer `latch totp --uri -` gives: a code, a warning, each refusal. */
const TABLE: [string, Stdin][] = [
  ['a code', { file: uri(`secret=${RFC_SHA1}&issuer=Example`) }],
  ['8 digits', { file: uri(`secret=${RFC_SHA1}&digits=8`) }],
  ['SHA256', { file: uri(`secret=${RFC_SHA256}&algorithm=SHA256&digits=8`) }],
  ['SHA512', { file: uri(`secret=${RFC_SHA512}&algorithm=SHA-512&digits=8`) }],
  ['period 60', { file: uri(`secret=${RFC_SHA1}&period=60`) }],
  ['HOTP', { file: uri(`secret=${RFC_SHA1}&counter=7`, 'hotp') }],
  ['Steam', { file: uri(`secret=${RFC_SHA1}&issuer=Steam`) }],
  ["a short key's warning", { file: uri('secret=JBSWY3DP') }],
  ['no newline, spaces around', { file: `  ${uri(`secret=${RFC_SHA1}`).trim()}  ` }],
  ['not a link', { file: 'https://example.com\n' }],
  ['an export link', { file: 'otpauth-migration://offline?data=x\n' }],
  ['another type', { file: uri(`secret=${RFC_SHA1}`, 'motp') }],
  ['no secret', { file: uri('issuer=Example') }],
  ['a secret that is not Base32', { file: uri('secret=not-base32!') }],
  ['an unknown algorithm', { file: uri(`secret=${RFC_SHA1}&algorithm=MD5`) }],
  ['9 digits', { file: uri(`secret=${RFC_SHA1}&digits=9`) }],
  ['period 0', { file: uri(`secret=${RFC_SHA1}&period=0`) }],
  ['period not a number', { file: uri(`secret=${RFC_SHA1}&period=x`) }],
  ['HOTP without a counter', { file: uri(`secret=${RFC_SHA1}`, 'hotp') }],
  ['a parameter twice', { file: uri(`secret=${RFC_SHA1}&secret=${RFC_SHA1}`) }],
  ['broken percent-encoding in the label', { file: `otpauth://totp/a%zz?secret=${RFC_SHA1}\n` }],
  ['broken percent-encoding in a parameter', { file: uri(`secret=${RFC_SHA1}&issuer=%zz`) }],
  ['not UTF-8', { file: Buffer.from([0x6f, 0xff, 0xfe, 0x0a]) }],
  ['a URI of 10 MB', { file: `${uri(`secret=${RFC_SHA1}`).trim()}&x=${'a'.repeat(10 * 1024 * 1024)}` }],
  ['exactly the limit', { file: `${uri(`secret=${RFC_SHA1}`).trim()}&x=`.padEnd(1024 * 1024, 'a') }],
  ['empty stdin', { file: '' }],
  ['/dev/null, no terminal', 'dev-null'],
];

const ARGVS = [
  ['totp', '--uri', '-', '--at', '59'],
  ['--json', 'totp', '--uri=-', '--at', '1111111109', '--vault', '/nonexistent/v.latch', '--insecure-argv'],
  ['totp', '--uri', '-', '--at', '5x'],
  ['totp', '--uri', '-', '--at', '99999999999999999999'],
];

describe('latch totp --uri - from the entry (quick-totp.ts) answers as runCli does', () => {
  it.each(ARGVS.flatMap((argv) => TABLE.map(([name, stdin]) => [argv.join(' '), name, argv, stdin] as const)))(
    '%s, %s: the same stdout, stderr and exit code',
    async (_args, _name, argv, stdin) => {
      const args = plainTotpUri(argv);
      expect(args).not.toBeNull();
      // win32: through the streams (sync-output.ts), so the test reads what it printed.
      const quick = await answer(stdin, (io) =>
        printTotpFromStdin(
          args!,
          io,
          syncOutput(io, () => {}, 'win32'),
        ),
      );
      expect(quick).toEqual(await answer(stdin, (io) => runCli(argv, io)));
    },
  );

  it('prints the RFC 6238 code, a warning and a refusal where the command does (the table above is not all failures)', async () => {
    const run = (stdin: Stdin, argv = ARGVS[0]!) =>
      answer(stdin, (io) =>
        printTotpFromStdin(
          plainTotpUri(argv)!,
          io,
          syncOutput(io, () => {}, 'win32'),
        ),
      );
    expect(await run(TABLE[1]![1])).toEqual({ code: 0, stdout: '94287082\n', stderr: '' });
    expect((await run(TABLE[7]![1])).stderr).toMatch(/^latch: warning: This key is only 5 bytes/);
    expect(await run(TABLE[23]![1])).toMatchObject({ code: 2, stdout: '' });
    expect(await run('dev-null')).toMatchObject({ code: 1, stdout: '' });
    expect(await run(TABLE[0]![1], ARGVS[2])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'latch: --at takes a whole number.\n',
    });
  });
});
