import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generalHelpOnly } from '../../../main/cli/help-args';
import type { CliIo } from '../../../main/cli/io';
import { printGeneralHelp } from '../../../main/cli/quick-help';
import { runCli } from '../../../main/cli/run';
import { collected } from '../../support/collected';

/** What a run printed on each stream, and its exit code. */
async function answer(run: (io: CliIo) => number | Promise<number>) {
  const stdout = collected();
  const stderr = collected();
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    platform: process.platform,
    homedir: '/nonexistent',
  };
  const code = await run(io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('latch --help from the help chunk (index.ts, quick-help.ts)', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])(
    'answers %j as runCli does: the same text, stream and exit code',
    async (argv) => {
      const to = generalHelpOnly(argv);
      expect(to).toBeDefined();
      // win32: through the streams (write-sync.ts), so the test reads what it printed.
      const quick = await answer((io) => printGeneralHelp(to!, io, () => {}, 'win32'));
      expect(quick).toEqual(await answer((io) => runCli(argv, io)));
      expect(quick.stdout + quick.stderr).toContain('Usage: latch COMMAND [OPTIONS]');
    },
  );

  it('leaves every other shape to runCli', () => {
    for (const argv of [
      ['--json', '--help'],
      ['help', 'get'],
      ['get', '--help'],
      ['--help', '--help'],
      ['-h', 'x'],
      ['--version'],
      ['--'],
    ])
      expect(generalHelpOnly(argv), argv.join(' ')).toBeUndefined();
  });
});
