/**
 * How the fast paths read argv without the command framework (get-args.ts, agent-exec.ts): only shapes that the
 * ordinary parser (parse-args.ts) reads the same way; null for anything else, which the ordinary path then runs.
 */
import { GLOBAL_OPTIONS } from './global-options';

/** An option given once without a value, once with one, or with one each time; 'stdin': once, with `-` alone. */
export type Takes = 'flag' | 'value' | 'values' | 'stdin';

export interface FastArgs {
  /** Before any `--`, less the options and their values: the command name first. */
  words: string[];
  /** After the first `--`; undefined without one. */
  afterDashes: string[] | undefined;
  /** Each option given: a flag with no values. */
  given: Map<string, string[]>;
}

/**
 * null for an option `takes` does not name (short ones and `-` too), a flag twice or with `=`, a 'value' twice,
 * a missing, empty or option-like value, and before the command name any option but a global one (findCommand
 * would take its value for the name).
 */
export function fastArgs(argv: readonly string[], takes: Readonly<Record<string, Takes>>): FastArgs | null {
  const words: string[] = [];
  const given = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { words, afterDashes: argv.slice(i + 1), given };
    if (!a.startsWith('-')) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const kind = a.startsWith('--') && Object.hasOwn(takes, name) ? takes[name] : undefined;
    const before = given.get(name);
    if (!kind || (before && kind !== 'values') || (!words.length && !Object.hasOwn(GLOBAL_OPTIONS, name))) return null;
    if (kind === 'flag') {
      if (eq >= 0) return null;
      given.set(name, []);
      continue;
    }
    const value = eq < 0 ? argv[++i] : a.slice(eq + 1);
    // parseArgs takes a lone `-` as a value too; any other value that starts with one it refuses or reads otherwise.
    if (value === undefined || (kind === 'stdin' ? value !== '-' : !value || value.startsWith('-'))) return null;
    given.set(name, [...(before ?? []), value]);
  }
  return { words, afterDashes: undefined, given };
}
