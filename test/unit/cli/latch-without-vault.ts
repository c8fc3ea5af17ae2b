import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/run';

/**
 * runCli with no vault anywhere and nothing on stdin: only what a command checks before it reads a password or
 * opens the vault runs to its end. Its exit code and what it wrote to stderr.
 */
export async function latchWithoutVault(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d) => {
    text += d;
  });
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: new PassThrough(),
    stderr,
    env: { LATCH_VAULT: '/nonexistent/latch-test/vault.latch', LATCH_NO_KEYCHAIN: '1' },
    platform: process.platform,
    homedir: '/nonexistent',
  };
  const code = await runCli(argv, io, { keychain: async () => undefined });
  return { code, stderr: text };
}
