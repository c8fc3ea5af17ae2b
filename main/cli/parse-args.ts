import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS } from './global-options';
import type { CliCommand, OptionSpec } from './registry';
import { usageError } from './usage-error';

export { usageError };

/** The command name: the first argument that is neither an option nor the value of a global option. */
export function findCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      const name = a.replace(/^--?/, '');
      if (!a.includes('=') && GLOBAL_OPTIONS[name]?.type === 'string') i++;
      continue;
    }
    return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

type Parsed = { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] };

export function parseCommandArgs(command: CliCommand | undefined, rest: string[]): Parsed {
  const specs: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  const options = Object.fromEntries(
    Object.entries(specs).map(([k, s]) => [
      k,
      { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true }) as Parsed;
  } catch (e) {
    // parseArgs messages name the option, never a value.
    throw usageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { min, max, missing } = command?.positionals ?? { min: 0, max: 0 };
  if (command && !parsed.values.help && (parsed.positionals.length < min || parsed.positionals.length > max)) {
    throw usageError(
      parsed.positionals.length > max
        ? `Unexpected argument "${parsed.positionals[max]}".`
        : (missing ?? `Missing argument: see latch ${command.name} --help.`),
    );
  }
  return parsed;
}
