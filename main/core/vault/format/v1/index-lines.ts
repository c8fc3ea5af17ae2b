import { checkRow, corruptIndex, type DecodedRow } from './index-row';

/**
 * The index layout written since index version 2: line-oriented, so that a command needing one record
 * (`latch get`) parses one row instead of all of them.
 *
 *   {"v":2,"revision":…,"recordsSha256":"…"}
 *   ["id",rev,off,len,<entry JSON>]
 *   …one row per line, in file order
 *
 * JSON.stringify never emits a raw newline (it escapes one inside a string), so a newline is always a row
 * boundary, and a row line always begins with `[` + JSON.stringify(id) + `,`: a record is found by id with
 * one native indexOf. Every row is checked by the same rule as index version 1 (index-row.ts) when it is
 * first read, alone or with all the others; a line that breaks the layout is damage (ERR_VAULT_CORRUPT).
 * The text is authenticated with the rest of the index (AES-GCM) before any of it is read.
 */

export function encodeLineIndexHead(revision: number): { head: string; shaAt: number } {
  const before = `{"v":2,"revision":${revision},"recordsSha256":"`;
  return { head: `${before}${'0'.repeat(64)}"}`, shaAt: before.length };
}

const LINE_INDEX_START = Buffer.from('{"v":2,', 'latin1');

/** True when the index plaintext is this layout (its writer always begins it so). */
export function isLineIndex(plain: Uint8Array): boolean {
  return Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength)
    .subarray(0, LINE_INDEX_START.length)
    .equals(LINE_INDEX_START);
}

const rowKey = (id: string) => `\n[${JSON.stringify(id)},`;
const NEWLINE = 0x0a;
/**
 * About how many bytes of lines a search decodes and lowercases at once. A string this size lives in V8's
 * young generation, whose memory is reused from one to the next; the whole 4 MB index (10,000 records) as
 * one string, and its lowercase as another, were two fresh allocations that cost more than the search.
 */
const SEARCH_CHUNK = 32 * 1024;
/**
 * How many rows the text search parses before it gives up (null: the caller parses every row instead). Each row it
 * parses is checked to be its id's only line by a search of the whole index, so k rows cost k index lengths: a name
 * that most rows mention (a shared tag, a JSON key such as "name", "default") made `latch get` on 10,000 records
 * take 12 s. Parsing every row is one pass.
 */
const MAX_MENTIONS = 32;

/** The one character whose lowercase is longer than itself (U+0130 → i + U+0307). */
const LONGER_LOWERCASE = '\u0130';

/**
 * For a needle of ASCII characters, a pattern that finds exactly where a text's lowercase holds it, without
 * lowercasing the text (decoding and lowercasing 4 MB of index at 10,000 records, and in ICU's slow path for any
 * chunk with a character beyond Latin-1, cost more than the rest of the search). A character lowercases to
 * an ASCII one only when it is that character, its ASCII capital, or the Kelvin sign (U+212A → k); U+0130
 * (→ i + U+0307) makes the caller answer null, as its lowercase is longer; every other character keeps its
 * length. No character lowercases to an ASCII capital, so a needle with one is found nowhere.
 * test/unit/vault/lowercase-table.test.ts checks these facts against every code point. Null: not ASCII.
 */
export function asciiNeedlePattern(needle: string): RegExp | null {
  for (let i = 0; i < needle.length; i++) if (needle.charCodeAt(i) > 0x7f) return null;
  if (/[A-Z]/.test(needle)) return /(?!)/g;
  let source = '';
  for (const c of needle) {
    source +=
      c >= 'a' && c <= 'z'
        ? `[${c}${c.toUpperCase()}${c === 'k' ? '\\u212a' : ''}]`
        : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return new RegExp(source, 'g');
}

export class LineIndex {
  /** Rows read so far (null: looked for and absent), so a row is one object however often it is read. */
  private readonly seen = new Map<string, DecodedRow | null>();

  private constructor(
    readonly revision: number,
    readonly recordsSha256: string,
    /**
     * The index plaintext, owned (zeroed by wipe): rows are read from its bytes as asked for, and no string of
     * the whole index is made unless every row is needed (all()).
     */
    private readonly bytes: Buffer,
    /** The byte where the first row line begins (bytes.length when there is none). */
    private readonly rowsAt: number,
    private readonly records: Uint8Array,
    /** The first line's lowercase is as long as itself (see rowsMentioning). */
    private readonly headLowersInPlace: boolean,
  ) {}

  /** Reads the first line only; rows are parsed when asked for. Takes plain over: wipe() zeroes it. */
  static decode(plain: Uint8Array, records: Uint8Array): LineIndex {
    const bytes = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
    const nl = bytes.indexOf(NEWLINE);
    const first = bytes.toString('utf8', 0, nl < 0 ? bytes.length : nl);
    let raw: unknown;
    try {
      raw = JSON.parse(first);
    } catch {
      throw corruptIndex();
    }
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      v?: unknown;
      revision?: unknown;
      recordsSha256?: unknown;
    };
    if (o.v !== 2 || typeof o.revision !== 'number' || typeof o.recordsSha256 !== 'string') throw corruptIndex();
    const rowsAt = nl < 0 ? bytes.length : nl + 1;
    return new LineIndex(
      o.revision,
      o.recordsSha256,
      bytes,
      rowsAt,
      records,
      first.toLowerCase().length === first.length,
    );
  }

  /** The row of record id, parsed alone (undefined: no such record). */
  row(id: string): DecodedRow | undefined {
    const known = this.seen.get(id);
    if (known !== undefined) return known ?? undefined;
    const at = this.bytes.indexOf(rowKey(id), this.rowsAt - 1, 'utf8');
    if (at < 0) {
      this.seen.set(id, null);
      return undefined;
    }
    const nl = this.bytes.indexOf(NEWLINE, at + 1);
    return this.rowOfLine(this.bytes.toString('utf8', at + 1, nl < 0 ? this.bytes.length : nl))[1];
  }

  /**
   * The rows whose line, lowercased (String.prototype.toLowerCase), contains `needle`: every such row, and
   * possibly more (the caller checks each). Null when that cannot be told from the text: a needle with a
   * newline, or a text whose lowercase is longer than itself (U+0130 lowercases to two code units; the answer
   * stays the one the search over the whole text gave, which could not map positions); and when more than
   * MAX_MENTIONS rows mention it, where parsing every row is cheaper.
   *
   * The lines are decoded a chunk of whole lines at a time. A chunk's lowercase is the whole text's lowercase
   * of those lines: toLowerCase's one rule that looks at neighbours (a final sigma) never looks past a newline,
   * which is neither a cased nor a case-ignorable character; and a needle without a newline cannot span two
   * lines, so none spans two chunks. A needle of ASCII characters (any name typed in ASCII) is found without
   * lowercasing at all (asciiNeedlePattern); any other is looked for in the chunk's lowercase.
   */
  rowsMentioning(needle: string): [string, DecodedRow][] | null {
    if (needle.length === 0 || needle.includes('\n') || !this.headLowersInPlace) return null;
    const pattern = asciiNeedlePattern(needle);
    const bytes = this.bytes;
    const out: [string, DecodedRow][] = [];
    for (let a = this.rowsAt; a < bytes.length; ) {
      let b = a + SEARCH_CHUNK >= bytes.length ? -1 : bytes.indexOf(NEWLINE, a + SEARCH_CHUNK);
      if (b < 0) b = bytes.length;
      const text = bytes.toString('utf8', a, b);
      let find: (from: number) => number;
      if (pattern !== null) {
        if (text.includes(LONGER_LOWERCASE)) return null;
        find = (from) => {
          pattern.lastIndex = from;
          return pattern.exec(text)?.index ?? -1;
        };
      } else {
        const lower = text.toLowerCase();
        if (lower.length !== text.length) return null;
        find = (from) => lower.indexOf(needle, from);
      }
      for (let hit = find(0); hit >= 0; ) {
        const start = text.lastIndexOf('\n', hit) + 1;
        const nl = text.indexOf('\n', hit);
        const end = nl < 0 ? text.length : nl;
        if (out.length === MAX_MENTIONS) return null;
        out.push(this.rowOfLine(text.slice(start, end)));
        hit = nl < 0 ? -1 : find(end + 1);
      }
      a = b + 1;
    }
    return out;
  }

  /**
   * Parses one row line; returns its id and its row (the one already read, if it was). The line must begin
   * with its id as JSON.stringify writes it and be the only line that does (a newline comes before every row
   * line, so `\n["id",` occurs exactly once in the index).
   */
  private rowOfLine(line: string): [string, DecodedRow] {
    let tuple: unknown;
    try {
      tuple = JSON.parse(line);
    } catch {
      throw corruptIndex();
    }
    const [id, row] = checkRow(tuple, this.records);
    const known = this.seen.get(id);
    if (known) return [id, known];
    const key = rowKey(id);
    const first = this.bytes.indexOf(key, this.rowsAt - 1, 'utf8');
    if (!line.startsWith(key.slice(1)) || first < 0 || this.bytes.indexOf(key, first + 1, 'utf8') >= 0)
      throw corruptIndex();
    this.seen.set(id, row);
    return [id, row];
  }

  /** Every row, in file order, each checked (the rows already read are the same objects). */
  all(): Map<string, DecodedRow> {
    const rows = new Map<string, DecodedRow>();
    if (this.rowsAt >= this.bytes.length) return rows;
    const text = this.bytes.toString('utf8', this.rowsAt);
    let list: unknown[];
    try {
      // One parse of every line joined as an array: faster cold than 10,000 parses of a line each.
      list = JSON.parse(`[${text.replaceAll('\n', ',')}]`) as unknown[];
    } catch {
      throw corruptIndex();
    }
    let start = 0;
    for (const tuple of list) {
      if (start > text.length) throw corruptIndex(); // more rows than lines: two on one line
      const [id, fresh] = checkRow(tuple, this.records);
      const key = rowKey(id);
      if (rows.has(id) || !text.startsWith(key.slice(1), start)) throw corruptIndex();
      rows.set(id, this.seen.get(id) ?? fresh);
      const nl = text.indexOf('\n', start);
      start = nl < 0 ? text.length + 1 : nl + 1;
    }
    if (start <= text.length) throw corruptIndex();
    return rows;
  }

  /** Zeroes the index plaintext (on lock, or once every row is parsed and this index is let go). */
  wipe(): void {
    this.bytes.fill(0);
  }
}
