import { LatchError } from '../model/errors';
import { EntriesView } from './entries-view';
import type { WritableRow } from './format/v1/write';
import type { JsonValue } from './types';

/**
 * A record as held while unlocked: its index entry, and either its ciphertext as on disk or a pending
 * body. The same shape the writer encodes from (its fields are described there).
 */
export type Row = WritableRow;

const enc = new TextEncoder();
const MAX_ID = 256;

function notFound(id: string): LatchError {
  return new LatchError('ERR_NOT_FOUND', `No record "${id}" in this vault.`, { detail: { id } });
}

/**
 * Rows not all parsed yet (format/v1/index-lines.ts): one is read by id, or by a text search, without the
 * others; all() parses every one (the same objects for those already read).
 */
export interface LazyRows {
  row(id: string): Row | undefined;
  rowsMentioning(needle: string): [string, Row][] | null;
  all(): Map<string, Row>;
  /** Zeroes the plaintext the rows are read from (it is let go: on lock, or once all() has parsed every row). */
  wipe(): void;
}

/**
 * The records of an unlocked vault, in memory: what the file holds plus this session's changes.
 * It knows nothing of keys or files; OpenVault decrypts and saves, ChangeJournal remembers what changed.
 *
 * Opened from a line index, the rows stay unparsed until something needs them all (a listing, a change, a
 * save): reading one record by id, or the rows a text search names, parses only those. Everything else sees
 * the full map, parsed on first use, exactly as if it had been parsed at unlock.
 */
export class RecordStore {
  private map: Map<string, Row> | null;
  private lazy: LazyRows | null;
  private readonly view: EntriesView;

  constructor(rows: Map<string, Row> | LazyRows = new Map()) {
    this.map = rows instanceof Map ? rows : null;
    this.lazy = rows instanceof Map ? null : rows;
    this.view = new EntriesView(this);
  }

  /** Every row (parsing them all, the first time, when the store was opened lazily). */
  get rows(): ReadonlyMap<string, Row> {
    return this.all();
  }
  get entries(): ReadonlyMap<string, JsonValue> {
    return this.view;
  }
  /** False while rows are still parsed on demand (nothing has needed them all yet). */
  get fullyParsed(): boolean {
    return this.map !== null;
  }

  private all(): Map<string, Row> {
    if (this.map === null) {
      this.map = this.lazy!.all();
      this.dropLazy();
    }
    return this.map;
  }

  get(id: string): Row | undefined {
    return this.map !== null ? this.map.get(id) : this.lazy!.row(id);
  }

  require(id: string): Row {
    const row = this.get(id);
    if (!row) throw notFound(id);
    return row;
  }

  /**
   * The rows whose index text, lowercased, contains needle (a superset: the caller checks each one), without
   * parsing the others; null when the rows are all parsed already or the text cannot tell (search them instead).
   */
  rowsMentioning(needle: string): [string, Row][] | null {
    return this.lazy === null ? null : this.lazy.rowsMentioning(needle);
  }

  put(id: string, entry: JsonValue, body: JsonValue): void {
    checkId(id);
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    const bodyText = JSON.stringify(body);
    if (bodyText === undefined) throw new LatchError('ERR_BAD_INPUT', 'A record body must be a JSON value.');
    const map = this.all();
    const old = map.get(id);
    old?.body?.fill(0);
    map.set(id, { entry: entryCopy, rev: old?.rev ?? 0, blob: null, body: enc.encode(bodyText), entryJson });
  }

  setEntry(id: string, entry: JsonValue): void {
    const row = this.require(id);
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    this.all().set(id, { ...row, entry: entryCopy, entryJson });
  }

  delete(id: string): boolean {
    const map = this.all();
    const row = map.get(id);
    if (!row) return false;
    row.body?.fill(0);
    map.delete(id);
    return true;
  }

  /** A checkpoint's rollback: the row as it was (undefined: none); the row it replaces has its pending body zeroed. */
  restore(id: string, row: Row | undefined): void {
    const map = this.all();
    const current = map.get(id);
    if (current !== row) current?.body?.fill(0);
    if (row) map.set(id, row);
    else map.delete(id);
  }

  /** After a save: the row saved replaces the one encoded, unless that one was replaced meanwhile. */
  settle(id: string, encoded: Row, saved: Row): void {
    const map = this.all();
    if (map.get(id) !== encoded) return;
    map.set(id, saved);
    encoded.body?.fill(0);
  }

  /** Takes the rows of a reload or re-key as the new content (their bodies are owned from now on). */
  replaceAll(rows: Map<string, Row>): void {
    this.map = rows;
    this.dropLazy();
  }

  private dropLazy(): void {
    this.lazy?.wipe();
    this.lazy = null;
  }

  /** Zeroes every pending body and forgets every row (unparsed rows hold no pending body). */
  wipe(): void {
    if (this.map !== null) for (const row of this.map.values()) row.body?.fill(0);
    this.replaceAll(new Map());
  }
}

function checkId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    throw new LatchError('ERR_BAD_INPUT', `A record id must be 1 to ${MAX_ID} characters.`, {
      detail: { field: 'id' },
    });
  }
}

function jsonCopy(value: JsonValue, what: string): { value: JsonValue; json: string } {
  const json = JSON.stringify(value);
  if (json === undefined) throw new LatchError('ERR_BAD_INPUT', `A record ${what} must be a JSON value.`);
  return { value: JSON.parse(json) as JsonValue, json };
}
