import { closeSync, openSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainExec } from '../../../main/cli/agent-exec';
import { execCommand } from '../../../main/cli/commands/exec';
import { getCommand } from '../../../main/cli/commands/get';
import { totpCommand } from '../../../main/cli/commands/totp';
import { startEarlyKdf } from '../../../main/cli/early-kdf';
import { plainGet } from '../../../main/cli/get-args';
import { findCommand, parseCommandArgs } from '../../../main/cli/parse-args';
import type { CliCommand } from '../../../main/cli/registry';
import { plainTotpUri } from '../../../main/cli/totp-args';
import { createVault } from '../../../main/core/vault';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from '../vault/helpers';

/** Every argv of up to `length` words drawn from `words`. */
function allArgvs(words: readonly string[], length: number): string[][] {
  let level: string[][] = [[]];
  const all = [...level];
  for (let n = 1; n <= length; n++) {
    level = level.flatMap((argv) => words.map((w) => [...argv, w]));
    for (const argv of level) all.push(argv);
  }
  return all;
}

/** What the ordinary parser makes of argv for `command`; null when it runs another command, help, or refuses. */
function ordinary(argv: readonly string[], command: CliCommand) {
  const { name, rest } = findCommand(argv);
  if (name !== command.name) return null;
  try {
    const parsed = parseCommandArgs(command, rest);
    return parsed.values.help ? null : parsed;
  } catch {
    return null;
  }
}

// The tricky words: `--`, options the fast paths do not take (`--field=x`, `-f x`, --help, -h), values that look
// like options, `-`, a reference that starts with `-`, and what a value may be mistaken for.
const GET_WORDS = [
  'get',
  'S/c',
  '-x',
  '--',
  '--json',
  '--vault',
  '--vault=v',
  '--password-stdin',
  '-f',
  '--field=x',
  '-',
];
const TOTP_WORDS = [
  'totp',
  '--uri',
  '-',
  '--uri=-',
  '--at',
  '59',
  '--json',
  '--vault',
  '--insecure-argv',
  '--',
  'x',
  '-h',
];
const EXEC_WORDS = ['exec', 'cmd', '--', '--env', 'K=v', '--env-file', '--env=K=v', '--vault', '-e', '--json'];
const TRICKY = [
  ['get', '--', '-x'],
  ['get', '-x'],
  ['get', 'S/c', '--field=x'],
  ['get', 'S/c', '-f', 'x'],
  ['get', 'S/c', '--json', '--json'],
  ['get', 'S/c', '--vault', 'a', '--vault', 'b'],
  ['get', 'S/c', '--vault', '--password-stdin'],
  ['--vault', '--password-stdin', '/v', 'get', 'S/c'],
  ['--vault', 'get', 'get', 'S/c', '--password-stdin'],
  ['get', 'S/c', '--password-stdin=1'],
  ['get', 'S/c', '--', '--json'],
  ['get', '--vault=', 'S/c'],
  ['get', '--__proto__', 'S/c'],
  ['get', 'S/c', '--unknown'],
];

describe('the fast paths read argv as the ordinary parser does, or leave it to it', () => {
  it('get: whatever plainGet takes, parseArgs reads as the same get (up to 5 tricky words, and longer cases)', () => {
    let taken = 0;
    for (const argv of [...allArgvs(GET_WORDS, 5), ...TRICKY]) {
      const fast = plainGet(argv);
      if (fast === null) continue;
      taken++;
      const parsed = ordinary(argv, getCommand);
      expect(parsed, argv.join(' ')).not.toBeNull();
      expect(
        {
          reference: parsed!.positionals[0],
          values: parsed!.values,
          count: parsed!.positionals.length,
        },
        argv.join(' '),
      ).toEqual({
        reference: fast.reference,
        values: {
          ...(fast.json ? { json: true } : {}),
          ...(fast.vault === undefined ? {} : { vault: fast.vault }),
          ...(fast.passwordStdin ? { 'password-stdin': true } : {}),
        },
        count: 1,
      });
    }
    expect(taken).toBeGreaterThan(100);
  });

  it('exec: whatever plainExec takes, parseArgs reads as the same exec', () => {
    let taken = 0;
    for (const argv of allArgvs(EXEC_WORDS, 5)) {
      const fast = plainExec(argv);
      if (fast === null) continue;
      taken++;
      const parsed = ordinary(argv, execCommand);
      expect(parsed, argv.join(' ')).not.toBeNull();
      expect({ values: parsed!.values, command: parsed!.positionals }, argv.join(' ')).toEqual({
        values: {
          ...(fast.env.length > 0 ? { env: fast.env } : {}),
          ...(fast.envFile === undefined ? {} : { 'env-file': fast.envFile }),
          ...(fast.vault === undefined ? {} : { vault: fast.vault }),
        },
        command: fast.command,
      });
    }
    expect(taken).toBeGreaterThan(100);
  });

  it('totp --uri -: whatever plainTotpUri takes, parseArgs reads as the same totp run that prints a code', () => {
    let taken = 0;
    for (const argv of [...allArgvs(TOTP_WORDS, 5), ['totp', '--uri', '-', '--at', '-1'], ['totp', '--uri', '--']]) {
      const fast = plainTotpUri(argv);
      if (fast === null) continue;
      taken++;
      const parsed = ordinary(argv, totpCommand);
      expect(parsed, argv.join(' ')).not.toBeNull();
      const { vault: _, 'insecure-argv': __, ...values } = parsed!.values;
      expect({ values, positionals: parsed!.positionals }, argv.join(' ')).toEqual({
        values: { uri: '-', ...(fast.at === undefined ? {} : { at: fast.at }), ...(fast.json ? { json: true } : {}) },
        positionals: [],
      });
    }
    expect(taken).toBeGreaterThan(100);
    // The shapes it leaves to the command: a URI in the argument, a REF, verify, help, `--`, a value like an option.
    for (const argv of [
      ['totp', '--uri', 'otpauth://totp/x?secret=A', '--insecure-argv'],
      ['totp', 'S/c'],
      ['totp', 'verify', '--uri', '-', '123456'],
      ['totp', '--uri', '-', '--help'],
      ['totp', '--uri', '-', '--'],
      ['totp', '--uri', '-', '--at', '-1'],
      ['totp', '--uri', '-', '--password-stdin'],
      ['totp', '--uri', '-', '--window', '1'],
      ['totp', '--uri', '-', '--uri', '-'],
    ])
      expect(plainTotpUri(argv), argv.join(' ')).toBeNull();
  });

  it('the agent get and the early KDF take the same shapes: --password-stdin anywhere before `--` is the only difference', () => {
    for (const argv of [
      ...allArgvs(
        GET_WORDS.filter((w) => w !== '--password-stdin'),
        4,
      ),
      ...TRICKY,
    ]) {
      const agent = plainGet(argv);
      const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
      for (let at = 0; at <= end; at++) {
        const early = plainGet([...argv.slice(0, at), '--password-stdin', ...argv.slice(at)]);
        const label = `${argv.join(' ')} (--password-stdin at ${at})`;
        if (agent === null || agent.passwordStdin) expect(early, label).toBeNull();
        else if (argv[at - 1] === '--vault') expect(early, label).toBeNull();
        else expect(early, label).toEqual({ ...agent, passwordStdin: true });
      }
    }
  });
});

describe('startEarlyKdf reads argv through the same parser', () => {
  /** stdin as a file with the password line (a kind the early start reads synchronously). */
  const stdinWith = (input: string) => {
    const path = `${tempVaultPath()}.stdin`;
    writeFileSync(path, input);
    return { env: {}, platform: 'linux', homedir: () => '/nonexistent', fd: openSync(path, 'r') };
  };

  it('starts for a reference after `--`; not when --password-stdin is the value of --vault (the ordinary parser has no get there)', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    const given = stdinWith(`${PASSWORD}\n`);
    const early = startEarlyKdf(['get', '--password-stdin', '--vault', path, '--', '-S/c'], given);
    closeSync(given.fd);
    expect(early?.started).toBeDefined();
    early?.started?.forget();
    // findCommand takes --password-stdin for the vault's value and the path for the command: "Unknown command".
    const argv = ['--vault', '--password-stdin', path, 'get', 'S/c'];
    expect(ordinary(argv, getCommand)).toBeNull();
    const again = stdinWith(`${PASSWORD}\n`);
    expect(startEarlyKdf(argv, again)).toBeUndefined();
    closeSync(again.fd);
  });
});
