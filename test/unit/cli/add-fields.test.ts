import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/run';

/** runCli with no vault anywhere: what is checked before the vault is opened is all that runs. */
async function latch(argv: string[]): Promise<{ code: number; stderr: string }> {
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

describe('latch add: a field the kind needs and the command line did not give', () => {
  it('is named as the --field to add (a secret one with "-"), not as a schema message', async () => {
    const r = await latch(['add', 'S', '--kind', 'basic', '--name', 'n', '--field', 'username=u']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('latch: A basic credential needs --field password=- (a secret: "-" reads it from stdin).\n');
    // The secret kind's own "name" field (the variable's name), which is no secret.
    const named = await latch(['add', 'S', '--kind', 'secret', '--name', 'n', '--insecure-argv', '--field', 'value=v']);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('\nlatch: A secret credential needs --field name=….\n');
  });
});
