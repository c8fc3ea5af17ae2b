import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEnvAssignment } from '../../../main/core/exec/env-assignment';
import { exitCodeOf } from '../../../main/core/exec/exit-code';
import { resolveExecEnv } from '../../../main/core/exec/resolve-env';
import { runCommand } from '../../../main/core/exec/run-command';
import { codeOf } from '../../support/error-code';

function sink(): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  }) as Writable & { text: () => string };
  w.text = () => Buffer.concat(chunks).toString('utf8');
  return w;
}

describe('exec environment', () => {
  it('parses NAME=REF and refuses bad names without echoing the value', () => {
    expect(parseEnvAssignment('API_KEY=latch://Stripe/live')).toEqual({
      name: 'API_KEY',
      value: 'latch://Stripe/live',
    });
    expect(parseEnvAssignment('X=a=b')).toEqual({ name: 'X', value: 'a=b' });
    expect(codeOf(() => parseEnvAssignment('=x'))).toBe('ERR_BAD_INPUT');
    expect(codeOf(() => parseEnvAssignment('noequals'))).toBe('ERR_BAD_INPUT');
    expect(codeOf(() => parseEnvAssignment('1X=y'))).toBe('ERR_BAD_INPUT');
    try {
      parseEnvAssignment('BAD NAME=sk_live_secret');
    } catch (e) {
      expect((e as Error).message).not.toContain('sk_live_secret');
    }
  });

  it('refuses a value holding a NUL byte (no environment can carry one), naming the variable, never the value', async () => {
    const resolve = async () => ({ value: 'sk_live\u0000rest', secret: true });
    const refused = resolveExecEnv([{ name: 'K', value: 'latch://S/nul' }], resolve);
    await expect(refused).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
      message:
        'K: the value of latch://S/nul holds a NUL byte, which an environment variable cannot carry. Nothing was run.',
    });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('sk_live') });
    await expect(resolveExecEnv([{ name: 'P', value: 'a\u0000b' }], resolve)).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
      message: 'P: its value holds a NUL byte, which an environment variable cannot carry. Nothing was run.',
    });
  });

  it('resolves references, passes plain values through, and lets later assignments win', async () => {
    const vault: Record<string, { value: string; secret: boolean }> = {
      'latch://S/a': { value: 'secret-a', secret: true },
      'latch://S/b': { value: 'secret-b', secret: true },
      'latch://S/a/header': { value: 'X-Api-Key', secret: false },
    };
    const r = await resolveExecEnv(
      [
        { name: 'A', value: 'latch://S/a' },
        { name: 'PLAIN', value: 'hello' },
        { name: 'B', value: 'latch://S/b' },
        { name: 'B', value: 'overridden' },
        { name: 'H', value: 'latch://S/a/header' },
      ],
      async (ref) => vault[ref]!,
    );
    expect(r.env).toEqual({ A: 'secret-a', PLAIN: 'hello', B: 'overridden', H: 'X-Api-Key' });
    expect(r.secrets).toEqual(['secret-a']);
  });

  it('maps exit status like a shell', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(7, null)).toBe(7);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
    expect(exitCodeOf(null, 'SIGKILL')).toBe(137);
  });
});

describe('runCommand', () => {
  it('puts secrets in the environment only, masks them in both outputs, and passes the exit code', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await runCommand({
      command: 'sh',
      args: ['-c', 'echo "out $TOKEN"; echo "err $TOKEN" >&2; exit 7'],
      env: { TOKEN: 'tok-1234567' },
      secrets: ['tok-1234567'],
      stdin: new PassThrough().end(),
      stdout,
      stderr,
    });
    expect(code).toBe(7);
    expect(stdout.text()).toBe('out ***\n');
    expect(stderr.text()).toBe('err ***\n');
  });

  it('pipes stdin through and reports a signal as 128 + n', async () => {
    const stdout = sink();
    const stdin = new PassThrough();
    stdin.end('from stdin\n');
    expect(await runCommand({ command: 'cat', args: [], env: {}, secrets: [], stdin, stdout, stderr: sink() })).toBe(0);
    expect(stdout.text()).toBe('from stdin\n');
    expect(
      await runCommand({
        command: 'sh',
        args: ['-c', 'kill -KILL $$'],
        env: {},
        secrets: [],
        stdin: new PassThrough().end(),
        stdout: sink(),
        stderr: sink(),
      }),
    ).toBe(137);
  });

  it('holds the command back while its reader is slow (a pager, a slow pipe) instead of holding its output in memory', async () => {
    // A reader that takes nothing until released; 8 MB from the command, which without backpressure all waits here.
    let release: (() => void) | undefined;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (release === undefined) release = done;
        else done();
      },
    });
    const total = 8 * 1024 * 1024;
    const running = runCommand({
      command: 'head',
      args: ['-c', String(total), '/dev/zero'],
      env: {},
      secrets: [],
      stdin: new PassThrough().end(),
      stdout: slow,
      stderr: sink(),
    });
    // Wait until what waits for the reader stops growing: at once with backpressure, at 8 MB without it.
    let last = -1;
    for (let still = 0; still < 20; await new Promise((r) => setTimeout(r, 10))) {
      still = slow.writableLength === last ? still + 1 : 0;
      last = slow.writableLength;
    }
    expect(slow.writableLength).toBeLessThan(1024 * 1024);
    release?.();
    expect(await running).toBe(0);
    expect(received).toBe(total);
  });

  it('answers 127 for a command that does not exist', async () => {
    const stderr = sink();
    expect(
      await runCommand({
        command: 'latch-no-such-command',
        args: [],
        env: {},
        secrets: [],
        stdin: new PassThrough().end(),
        stdout: sink(),
        stderr,
      }),
    ).toBe(127);
    expect(stderr.text()).toContain('command not found');
  });
});
