import type { JsonValue } from './types';

export interface RowLike {
  entry: JsonValue;
}

/** What the view reads: one row by id (parsed alone if need be), and all of them. */
export interface RowSource {
  get(id: string): RowLike | undefined;
  readonly rows: ReadonlyMap<string, RowLike>;
}

/**
 * A read-only Map of id → index entry over the vault's rows, without copying them. get and has read one row
 * (the store may parse only that one); size and iteration read them all.
 */
export class EntriesView implements ReadonlyMap<string, JsonValue> {
  constructor(private readonly source: RowSource) {}

  get size(): number {
    return this.source.rows.size;
  }
  get(id: string): JsonValue | undefined {
    return this.source.get(id)?.entry;
  }
  has(id: string): boolean {
    return this.source.get(id) !== undefined;
  }
  forEach(cb: (value: JsonValue, key: string, map: ReadonlyMap<string, JsonValue>) => void, thisArg?: unknown): void {
    for (const [k, r] of this.source.rows) cb.call(thisArg, r.entry, k, this);
  }
  *entries(): MapIterator<[string, JsonValue]> {
    for (const [k, r] of this.source.rows) yield [k, r.entry];
  }
  keys(): MapIterator<string> {
    return this.source.rows.keys();
  }
  *values(): MapIterator<JsonValue> {
    for (const r of this.source.rows.values()) yield r.entry;
  }
  [Symbol.iterator](): MapIterator<[string, JsonValue]> {
    return this.entries();
  }
}
