import { GLOBAL_OPTIONS } from '../global-options';
import { findCommand } from '../parse-args';
import type { CommandEntry, OptionSpec } from '../registry';

/** What completing needs from outside: the catalogue, a command's options, and the vault's names. */
export interface CompletionSources {
  commands: readonly CommandEntry[];
  /** The options of a command (loads its module; asked only when an option is being completed). */
  optionsOf(name: string): Promise<Record<string, OptionSpec>>;
  /** `latch://SERVICE/CREDENTIAL` for every credential, or none when the vault cannot be read without a prompt. */
  references(): Promise<string[]>;
  services(): Promise<string[]>;
}

const SCHEME = 'latch://';

function flags(specs: Record<string, OptionSpec>): string[] {
  return Object.entries(specs).flatMap(([k, s]) => [`--${k}`, ...(s.short ? [`-${s.short}`] : [])]);
}

/** References matching what was typed, with or without the scheme (then offered without it too). */
function matchingReferences(references: string[], typed: string): string[] {
  if (typed === '' || typed.startsWith(SCHEME) || SCHEME.startsWith(typed)) return references;
  return references.map((r) => r.slice(SCHEME.length));
}

/**
 * The words that may complete the last of `words` (the arguments after `latch`, the last one being
 * the word under the cursor, possibly empty): a command name, an option of the command (or a global
 * one), a sub-command word, or a service or credential name. After an option that takes a value,
 * nothing: the shell offers file names (--vault, --recovery-kit, -i...).
 */
export async function completionCandidates(words: readonly string[], sources: CompletionSources): Promise<string[]> {
  const typed = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const { name, rest } = findCommand(before);
  const entry = name === undefined ? undefined : sources.commands.find((c) => c.name === name);
  const options: Record<string, OptionSpec> = {
    ...GLOBAL_OPTIONS,
    // A command's module is loaded only when options are in play: to offer them, or to tell their values apart.
    ...(entry && [typed, ...rest].some((w) => w.startsWith('-')) ? await sources.optionsOf(entry.name) : {}),
  };
  const previous = before.at(-1) ?? '';
  const takesValue = (w: string) =>
    !w.includes('=') &&
    Object.entries(options).some(
      ([k, s]) => s.type === 'string' && (w === `--${k}` || (s.short && w === `-${s.short}`)),
    );
  if (previous.startsWith('-') && takesValue(previous)) return [];

  let offered: string[];
  if (typed.startsWith('-')) offered = flags(options);
  else if (name === undefined) offered = [...sources.commands.map((c) => c.name), 'help'];
  else if (name === 'help') offered = rest.length === 0 ? sources.commands.map((c) => c.name) : [];
  else {
    // The positional arguments already given (an option's value is not one).
    const given: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i]!;
      if (w.startsWith('-')) {
        if (takesValue(w)) i++;
        continue;
      }
      given.push(w);
    }
    const spec = entry?.completes ?? {};
    const afterWord = given.length === 1 && (spec.words ?? []).includes(given[0]!);
    offered = [];
    if (given.length === 0) offered.push(...(spec.words ?? []));
    if (given.length === 0 && spec.services) offered.push(...(await sources.services()));
    if ((given.length === 0 || afterWord) && spec.references)
      offered.push(...matchingReferences(await sources.references(), typed));
  }
  return [...new Set(offered.filter((w) => w.startsWith(typed)))];
}
