import type { Keychain } from '../core/keychain/keychain';
import type { StartedDerivation } from '../core/vault/kdf';
import type { CliIo } from './io';
import type { SecretInput } from './secret-input';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** One line for `latch help COMMAND`. */
  help: string;
}

/** What a command gets: parsed arguments, global options resolved, and the process around it. */
export interface CliContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** --vault, else $LATCH_VAULT, else the OS app-data default. */
  vaultPath: string;
  json: boolean;
  /** Contents of --recovery-kit FILE, for hardened vaults on a machine without the device key. */
  recoveryKit: string | undefined;
  io: CliIo;
  secrets: SecretInput;
  /** The master password's key derivation, begun before the command loaded (main/cli/early-kdf.ts); the unlock takes it. */
  startedKdf?: StartedDerivation | undefined;
  /**
   * The OS keychain (undefined when LATCH_NO_KEYCHAIN=1). Asked for, not handed over: its native addon
   * costs ~30 ms to load, which a command that never opens a vault should not pay.
   */
  keychain(): Promise<Keychain | undefined>;
  /** Writes data: JSON with --json, else the text form. */
  output(data: unknown, text: string): void;
  /** Progress and notes for people (stderr, so stdout stays data). */
  note(text: string): void;
}

export interface CliCommand {
  name: string;
  /** e.g. "latch init [--hardened] [--quick-unlock] [--iterations N]". */
  usage: string;
  options?: Record<string, OptionSpec>;
  /**
   * Allowed count of positional arguments after the command name (default none); `missing`: what to say when
   * fewer are given (default: a plain "Missing argument" pointing at --help).
   */
  positionals?: { min: number; max: number; missing?: string };
  /** Returns the exit code (default 0); throws LatchError for failures (mapped in exit-codes.ts). */
  run(ctx: CliContext): Promise<number | undefined>;
}

/**
 * A command as the catalogue knows it before its code is loaded: the name and one line for
 * `latch --help`. `load` imports the command's module, and with it the libraries only it needs
 * (zod, jose, otplib, SigV4...), so `latch --help` and `latch totp --uri` start in the time of Node itself.
 */
/** What a command's positional arguments are, for shell completion (names only: never a value). */
export interface CompletionSpec {
  /** Sub-commands or fixed words its first argument takes (e.g. jwt: decode, verify, sign). */
  words?: readonly string[];
  /** Its first argument (or the one after a word above) is a latch://SERVICE/CREDENTIAL reference. */
  references?: boolean;
  /** Its first argument is a service name. */
  services?: boolean;
}

export interface CommandEntry {
  name: string;
  summary: string;
  completes?: CompletionSpec;
  /** Not listed by `latch --help` (entry points other programs call, e.g. the agent process). */
  hidden?: boolean;
  load(): Promise<CliCommand>;
}

const commands = new Map<string, CommandEntry>();

export function registerCommand(entry: CommandEntry): void {
  if (commands.has(entry.name)) throw new Error(`command "${entry.name}" registered twice`);
  commands.set(entry.name, entry);
}

export function findEntry(name: string): CommandEntry | undefined {
  return commands.get(name);
}

/** Loads a command's code; undefined for a name nobody registered. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const entry = commands.get(name);
  if (!entry) return undefined;
  const command = await entry.load();
  if (command.name !== name) throw new Error(`command "${name}" loaded "${command.name}"`);
  return command;
}

/**
 * Sorted by code unit, not localeCompare: names are lower-case ASCII, and the first localeCompare loads ICU's
 * collator, which cost `latch --help` about 20 ms, more than the rest of its start-up together.
 */
export function listCommands(): CommandEntry[] {
  return [...commands.values()]
    .filter((c) => !c.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
