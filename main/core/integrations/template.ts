import { LatchError } from '../model/errors';

/** `{{ latch://SERVICE/CREDENTIAL[/FIELD] }}`, the 1Password `op inject` form; names with spaces are %20-encoded. */
const REFERENCE = /\{\{\s*(latch:\/\/[^\s{}]+)\s*\}\}/g;

/** A template larger than this is not a config file. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

export interface TemplateReference {
  reference: string;
  line: number;
}

/** The references in order of appearance, each with the line it is first on. */
export function templateReferences(text: string): TemplateReference[] {
  const seen = new Map<string, number>();
  // Lines are counted on from the previous match, not from the start each time, and the next line break is
  // looked for once, not once per match: either way a 10 MiB template of references (on one line, for the
  // second) would take quadratic time.
  let line = 1;
  let nextBreak = text.indexOf('\n');
  for (const m of text.matchAll(REFERENCE)) {
    while (nextBreak !== -1 && nextBreak < m.index) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    const ref = m[1]!;
    if (!seen.has(ref)) seen.set(ref, line);
  }
  return [...seen].map(([reference, line]) => ({ reference, line }));
}

/** Replaces every reference with its value; all are resolved before anything is returned. */
export async function renderTemplate(text: string, resolve: (reference: string) => Promise<string>): Promise<string> {
  if (Buffer.byteLength(text) > MAX_TEMPLATE_BYTES)
    throw new LatchError('ERR_BAD_INPUT', 'The template is larger than 10 MiB; is it the right file?');
  const values = new Map<string, string>();
  for (const { reference } of templateReferences(text)) values.set(reference, await resolve(reference));
  return text.replace(REFERENCE, (_all, ref: string) => values.get(ref) ?? '');
}
