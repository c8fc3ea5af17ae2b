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
 * The records of an unlocked vault, in memory: what the file holds plus this session's changes.
 * It knows nothing of keys or files; OpenVault decrypts and saves, ChangeJournal remembers what changed.
 */
export class RecordStore {
  private map: Map<string, Row>;
  private view: EntriesView;

  constructor(rows: Map<string, Row> = new Map()) {
    this.map = rows;
    this.view = new EntriesView(rows);
  }

  get rows(): ReadonlyMap<string, Row> {
    return this.map;
  }
  get entries(): ReadonlyMap<string, JsonValue> {
    return this.view;
  }

  get(id: string): Row | undefined {
    return this.map.get(id);
  }

  require(id: string): Row {
    const row = this.map.get(id);
    if (!row) throw notFound(id);
    return row;
  }

  put(id: string, entry: JsonValue, body: JsonValue): void {
    checkId(id);
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    const bodyText = JSON.stringify(body);
    if (bodyText === undefined) throw new LatchError('ERR_BAD_INPUT', 'A record body must be a JSON value.');
    const old = this.map.get(id);
    old?.body?.fill(0);
    this.map.set(id, { entry: entryCopy, rev: old?.rev ?? 0, blob: null, body: enc.encode(bodyText), entryJson });
  }

  setEntry(id: string, entry: JsonValue): void {
    const row = this.require(id);
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    this.map.set(id, { ...row, entry: entryCopy, entryJson });
  }

  delete(id: string): boolean {
    const row = this.map.get(id);
    if (!row) return false;
    row.body?.fill(0);
    this.map.delete(id);
    return true;
  }

  /** After a save: the row saved replaces the one encoded, unless that one was replaced meanwhile. */
  settle(id: string, encoded: Row, saved: Row): void {
    if (this.map.get(id) !== encoded) return;
    this.map.set(id, saved);
    encoded.body?.fill(0);
  }

  /** Takes the rows of a reload or re-key as the new content (their bodies are owned from now on). */
  replaceAll(rows: Map<string, Row>): void {
    this.map = rows;
    this.view = new EntriesView(rows);
  }

  /** Zeroes every pending body and forgets every row. */
  wipe(): void {
    for (const row of this.map.values()) row.body?.fill(0);
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
