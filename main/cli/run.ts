import { readCappedFile } from '../core/io/read-capped';
import type { Keychain } from '../core/keychain/keychain';
import { defaultVaultPath } from '../core/vault/default-path';
import type { EarlyUnlock } from './early-unlock';
import { EXIT } from './exit-codes';
import { failureOutput } from './failure';
import { commandHelp, generalHelp } from './help';
import type { CliIo } from './io';
import { osKeychain } from './os-keychain';
import { outputText } from './output-text';
import { findCommand, parseCommandArgs, usageError } from './parse-args';
import { type CliContext, findEntry, loadCommand } from './registry';
import { SecretInput } from './secret-input';
import './commands';

export interface RunOptions {
  /** Supplies the keychain; default: the OS keychain via @napi-rs/keyring (none when LATCH_NO_KEYCHAIN=1). */
  keychain?: () => Promise<Keychain | undefined>;
  /** `latch get --password-stdin`'s key derivation, started before the command loaded (early-kdf.ts). */
  early?: EarlyUnlock;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** Runs one `latch` invocation; returns the exit code. Errors print as "latch: message", never with a stack. */
export async function runCli(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  let secrets: SecretInput | undefined = options.early?.secrets;
  try {
    const { name, rest } = findCommand(argv);
    const command = name === undefined || name === 'help' ? undefined : await loadCommand(name);
    if (name !== undefined && name !== 'help' && command === undefined) {
      throw usageError(`Unknown command "${name}". Run "latch --help" for the list.`);
    }
    const parsed = parseCommandArgs(command, name === 'help' ? rest.slice(1) : rest);
    if (command === undefined) {
      const topic = name === 'help' ? rest.find((a) => !a.startsWith('-')) : undefined;
      const about = topic ? await loadCommand(topic) : undefined;
      if (name === undefined && !parsed.values.help) {
        io.stderr.write(generalHelp());
        return EXIT.USAGE;
      }
      io.stdout.write(about ? commandHelp(about, findEntry(about.name)?.summary ?? '') : generalHelp());
      return EXIT.OK;
    }
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command, findEntry(command.name)?.summary ?? ''));
      return EXIT.OK;
    }

    const v = parsed.values;
    const vaultPath =
      (typeof v.vault === 'string' && v.vault) ||
      io.env.LATCH_VAULT ||
      defaultVaultPath({ platform: io.platform, env: io.env, homedir: io.homedir });
    let recoveryKit: string | undefined;
    if (typeof v['recovery-kit'] === 'string') {
      // A recovery kit is a short text file (a few hundred bytes); a wrong path to /dev/zero stops at the limit.
      const what = {
        what: `the recovery kit file ${v['recovery-kit']}`,
        advice: 'Give the recovery kit file Latch saved.',
      };
      recoveryKit = (await readCappedFile(v['recovery-kit'], 64 * 1024, what)).toString('utf8');
    }
    const json = v.json === true;
    secrets ??= new SecretInput(io, v['password-stdin'] === true);
    const ctx: CliContext = {
      values: v,
      positionals: parsed.positionals,
      vaultPath,
      json,
      recoveryKit,
      io,
      secrets,
      startedKdf: options.early?.started,
      keychain: once(() => (options.keychain ? options.keychain() : osKeychain(io))),
      output(data, text) {
        io.stdout.write(outputText(json, data, text));
      },
      note(text) {
        io.stderr.write(`${text}\n`);
      },
    };
    return (await command.run(ctx)) ?? EXIT.OK;
  } catch (e) {
    const failed = failureOutput(e);
    io.stderr.write(failed.text);
    return failed.exitCode;
  } finally {
    secrets?.close();
    options.early?.started?.forget();
  }
}
