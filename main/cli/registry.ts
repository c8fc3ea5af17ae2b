import type { Keychain } from '../core/keychain/keychain';
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
  /** The OS keychain (undefined when LATCH_NO_KEYCHAIN=1). */
  keychain: Keychain | undefined;
  /** Writes data: JSON with --json, else the text form. */
  output(data: unknown, text: string): void;
  /** Progress and notes for people (stderr, so stdout stays data). */
  note(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** e.g. "latch init [--hardened] [--quick-unlock] [--iterations N]". */
  usage: string;
  options?: Record<string, OptionSpec>;
  /** Allowed count of positional arguments after the command name (default none). */
  positionals?: { min: number; max: number };
  /** Returns the exit code (default 0); throws LatchError for failures (mapped in exit-codes.ts). */
  run(ctx: CliContext): Promise<number | undefined>;
}

const commands = new Map<string, CliCommand>();

/** Adds a command. Later commands (add, list, get, exec, totp, token, request, copy) plug in here. */
export function registerCommand(command: CliCommand): void {
  if (commands.has(command.name)) throw new Error(`command "${command.name}" registered twice`);
  commands.set(command.name, command);
}

export function getCommand(name: string): CliCommand | undefined {
  return commands.get(name);
}

export function listCommands(): CliCommand[] {
  return [...commands.values()].sort((a, b) => a.name.localeCompare(b.name));
}
