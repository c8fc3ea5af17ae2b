import { LatchError } from '../model/errors';

/**
 * JSON.parse whose error names where the text broke (line and column) but never quotes
 * it: V8's messages can carry a snippet of the input, which here holds secrets.
 */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // No position in the message: the text ended early.
    const pos = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    const offset = pos ? Number(pos[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const where = `line ${line}, column ${column}${pos ? '' : ' (the end: it is cut short)'}`;
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      `The ${what} is not valid JSON: it breaks at ${where}. Nothing was imported.`,
      {
        detail: { line, column, position: offset },
      },
    );
  }
}
