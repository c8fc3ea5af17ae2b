import { defaultVaultPath } from '../../core/vault/default-path';
import '../commands';
import type { CliIo } from '../io';
import { osKeychain } from '../os-keychain';
import { type CliContext, listCommands, loadCommand } from '../registry';
import { SecretInput } from '../secret-input';
import { completionCandidates } from './candidates';
import { type VaultNames, vaultNames } from './vault-names';

/** A keychain that asks the user (a locked keyring's dialog) or a slow agent must not hold the shell up. */
const NAMES_TIME_LIMIT_MS = 1500;

/** The vault the completed command line names (--vault PATH, --vault=PATH), else $LATCH_VAULT, else the default. */
function vaultOf(words: readonly string[], io: CliIo): string {
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w.startsWith('--vault=')) return w.slice('--vault='.length);
    if (w === '--vault' && i + 1 < words.length - 1) return words[i + 1]!;
  }
  return io.env.LATCH_VAULT || defaultVaultPath({ platform: io.platform, env: io.env, homedir: io.homedir });
}

function contextFor(words: readonly string[], io: CliIo, secrets: SecretInput): CliContext {
  return {
    values: {},
    positionals: [],
    vaultPath: vaultOf(words, io),
    json: false,
    recoveryKit: undefined,
    io,
    secrets,
    keychain: () => osKeychain(io),
    output: () => undefined,
    note: () => undefined,
  };
}

/**
 * `latch __complete -- WORDS...`, called by the completion scripts (completion/scripts.ts): prints the
 * candidates for the last word, one per line. It never prompts (stdin is the user's terminal), never writes
 * to stderr (the shell would show it mid-line), and never prints a value: names of commands, options,
 * services and credentials only.
 */
export async function runCompletion(args: readonly string[], io: CliIo): Promise<number> {
  const words = args[0] === '--' ? args.slice(1) : args;
  const secrets = new SecretInput(io, false);
  let names: Promise<VaultNames> | undefined;
  const readNames = () => {
    names ??= Promise.race([
      vaultNames(contextFor(words, io, secrets)),
      new Promise<VaultNames>((resolve) =>
        setTimeout(() => resolve({ services: [], references: [] }), NAMES_TIME_LIMIT_MS).unref(),
      ),
    ]).catch(() => ({ services: [], references: [] }));
    return names;
  };
  try {
    const found = await completionCandidates(words, {
      commands: listCommands(),
      optionsOf: async (name) => (await loadCommand(name))?.options ?? {},
      references: async () => (await readNames()).references,
      services: async () => (await readNames()).services,
    });
    if (found.length > 0) io.stdout.write(`${found.join('\n')}\n`);
  } catch {
    // A completion that fails offers nothing; the shell falls back to file names.
  } finally {
    secrets.close();
  }
  return 0;
}
