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

/** True when the index plaintext is this layout (its writer always begins it so). */
export function isLineIndex(text: string): boolean {
  return text.startsWith('{"v":2,');
}

const rowKey = (id: string) => `\n[${JSON.stringify(id)},`;

export class LineIndex {
  /** Rows read so far (null: looked for and absent), so a row is one object however often it is read. */
  private readonly seen = new Map<string, DecodedRow | null>();
  private lower: string | undefined;

  private constructor(
    readonly revision: number,
    readonly recordsSha256: string,
    private readonly text: string,
    /** Where the first row line begins (text.length when there is none). */
    private readonly rowsAt: number,
    private readonly records: Uint8Array,
  ) {}

  /** Reads the first line only; rows are parsed when asked for. */
  static decode(text: string, records: Uint8Array): LineIndex {
    const nl = text.indexOf('\n');
    const first = nl < 0 ? text : text.slice(0, nl);
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
    return new LineIndex(o.revision, o.recordsSha256, text, nl < 0 ? text.length : nl + 1, records);
  }

  /** The row of record id, parsed alone (undefined: no such record). */
  row(id: string): DecodedRow | undefined {
    const known = this.seen.get(id);
    if (known !== undefined) return known ?? undefined;
    const at = this.text.indexOf(rowKey(id));
    if (at < 0) {
      this.seen.set(id, null);
      return undefined;
    }
    return this.rowAt(at + 1)[1];
  }

  /**
   * The rows whose line, lowercased (String.prototype.toLowerCase), contains `needle`: every such row, and
   * possibly more (the caller checks each). Null when that cannot be told from the text: a needle with a
   * newline, or a text whose lowercase is longer than itself (a character such as U+0130 lowercases to two
   * code units, so positions in the lowercase would not be positions in the text).
   */
  rowsMentioning(needle: string): [string, DecodedRow][] | null {
    if (needle.length === 0 || needle.includes('\n')) return null;
    this.lower ??= this.text.toLowerCase();
    const lower = this.lower;
    if (lower.length !== this.text.length) return null;
    const out: [string, DecodedRow][] = [];
    let from = this.rowsAt;
    for (;;) {
      const hit = lower.indexOf(needle, from);
      if (hit < 0) return out;
      const start = lower.lastIndexOf('\n', hit) + 1;
      const [id, row, end] = this.rowAt(start);
      out.push([id, row]);
      from = end + 1;
    }
  }

  /**
   * Parses the line beginning at start; returns its id, its row (the one already read, if it was) and where
   * the line ends. The line must be the only one for its id, and begin with that id as JSON.stringify writes it.
   */
  private rowAt(start: number): [string, DecodedRow, number] {
    const nl = this.text.indexOf('\n', start);
    const end = nl < 0 ? this.text.length : nl;
    let tuple: unknown;
    try {
      tuple = JSON.parse(this.text.slice(start, end));
    } catch {
      throw corruptIndex();
    }
    const [id, row] = checkRow(tuple, this.records);
    const known = this.seen.get(id);
    if (known) return [id, known, end];
    const key = rowKey(id);
    if (this.text.indexOf(key, this.rowsAt - 1) !== start - 1 || this.text.indexOf(key, end) >= 0) throw corruptIndex();
    this.seen.set(id, row);
    return [id, row, end];
  }

  /** Every row, in file order, each checked (the rows already read are the same objects). */
  all(): Map<string, DecodedRow> {
    const text = this.text;
    const rows = new Map<string, DecodedRow>();
    if (this.rowsAt >= text.length) return rows;
    let list: unknown[];
    try {
      // One parse of every line joined as an array: faster cold than 10,000 parses of a line each.
      list = JSON.parse(`[${text.slice(this.rowsAt).replaceAll('\n', ',')}]`) as unknown[];
    } catch {
      throw corruptIndex();
    }
    let start = this.rowsAt;
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
}
