import type { JsonValue } from './types';

export interface RowLike {
  entry: JsonValue;
}

/** A read-only Map of id → index entry over the vault's rows, without copying them. */
export class EntriesView implements ReadonlyMap<string, JsonValue> {
  constructor(private readonly rows: ReadonlyMap<string, RowLike>) {}

  get size(): number {
    return this.rows.size;
  }
  get(id: string): JsonValue | undefined {
    return this.rows.get(id)?.entry;
  }
  has(id: string): boolean {
    return this.rows.has(id);
  }
  forEach(cb: (value: JsonValue, key: string, map: ReadonlyMap<string, JsonValue>) => void, thisArg?: unknown): void {
    for (const [k, r] of this.rows) cb.call(thisArg, r.entry, k, this);
  }
  *entries(): MapIterator<[string, JsonValue]> {
    for (const [k, r] of this.rows) yield [k, r.entry];
  }
  keys(): MapIterator<string> {
    return this.rows.keys();
  }
  *values(): MapIterator<JsonValue> {
    for (const r of this.rows.values()) yield r.entry;
  }
  [Symbol.iterator](): MapIterator<[string, JsonValue]> {
    return this.entries();
  }
}
