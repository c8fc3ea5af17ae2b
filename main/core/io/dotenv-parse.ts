import { LatchError } from '../model/errors';

export interface DotenvEntry {
  name: string;
  value: string;
  /** 1-based line where the assignment starts. */
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Who reads the file, for its errors: each caller says which file it is and what did not happen. */
export interface DotenvSource {
  /** "the .env file", "the env file app.env". */
  file: string;
  /** "Nothing was imported", "Nothing was run". */
  outcome: string;
}

function parseError(source: DotenvSource, line: number, what: string): LatchError {
  return new LatchError(
    'ERR_IMPORT_PARSE',
    `Line ${line} of ${source.file}: ${what}. ${source.outcome}; fix the line and try again.`,
    { detail: { line } },
  );
}

/**
 * Reads a dotenv file: `NAME=value` or `export NAME=value`; `#` comments and blank lines;
 * 'single quotes' are literal; "double quotes" understand \n \r \t \" \\ (other backslashes
 * stay as written) and may span lines; an unquoted value ends at ` #` and is trimmed.
 * `${VAR}` is not expanded: values are taken as written. The first bad line stops the parse,
 * naming the line and never the value. Duplicates are all returned, in order (last wins for
 * whoever builds a map). envLine (credentials/env-name.ts) writes what this reads back exactly.
 */
export function parseDotenv(text: string, source: DotenvSource): DotenvEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const out: DotenvEntry[] = [];
  let i = 0;
  while (i < lines.length) {
    const lineNo = i + 1;
    const raw = stripCr(lines[i]!);
    i++;
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;

    let rest = trimmed;
    const exported = /^export\s+/.exec(rest);
    if (exported) rest = rest.slice(exported[0].length);
    const eq = rest.indexOf('=');
    if (eq === -1) throw parseError(source, lineNo, 'expected NAME=value (no "=" found)');
    const name = rest.slice(0, eq).trim();
    if (name === '') throw parseError(source, lineNo, 'the variable name before "=" is missing');
    if (!NAME.test(name)) {
      throw parseError(
        source,
        lineNo,
        'the variable name must be letters, digits and "_", not starting with a digit (and no spaces)',
      );
    }
    let value = rest.slice(eq + 1).replace(/^[ \t]+/, '');
    const quote = value[0];

    if (quote === "'" || quote === '"') {
      // Gather lines until the closing quote: a quoted value may span lines (PEM keys).
      let body = value.slice(1);
      let close = findClose(body, quote);
      while (close === -1 && i < lines.length) {
        body += `\n${stripCr(lines[i]!)}`;
        i++;
        close = findClose(body, quote);
      }
      if (close === -1)
        throw parseError(source, lineNo, `the ${quote === "'" ? 'single' : 'double'} quote is never closed`);
      const after = body.slice(close + 1);
      if (after.trim() !== '' && !after.trimStart().startsWith('#')) {
        throw parseError(source, lineNo, 'unexpected text after the closing quote (put a comment after " #")');
      }
      const inner = body.slice(0, close);
      value = quote === "'" ? inner : unescapeDouble(inner);
    } else {
      const comment = /\s#/.exec(value);
      if (comment) value = value.slice(0, comment.index);
      value = value.trimEnd();
    }
    out.push({ name, value, line: lineNo });
  }
  return out;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Index of the closing quote; in double quotes a backslash escapes the next character. */
function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    const ch = body[j];
    if (quote === '"' && ch === '\\') {
      j++;
      continue;
    }
    if (ch === quote) return j;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeDouble(inner: string): string {
  let out = '';
  for (let j = 0; j < inner.length; j++) {
    const ch = inner[j]!;
    if (ch === '\\' && j + 1 < inner.length) {
      const next = inner[j + 1]!;
      const mapped = ESCAPES[next];
      if (mapped !== undefined) {
        out += mapped;
        j++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
