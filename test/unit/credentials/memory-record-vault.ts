import type { RecordVault } from '../../../main/core/credentials/record-vault';
import type { JsonValue } from '../../../main/core/vault/types';

/** An in-memory stand-in for OpenVault's record API, for unit tests of the service store. */
export class MemoryRecordVault implements RecordVault {
  readonly #entries = new Map<string, JsonValue>();
  readonly #bodies = new Map<string, string>();
  saves = 0;
  entries(): ReadonlyMap<string, JsonValue> {
    return this.#entries;
  }
  async readRecord(id: string): Promise<JsonValue> {
    const b = this.#bodies.get(id);
    if (b === undefined) throw new Error('no record');
    return JSON.parse(b) as JsonValue;
  }
  putRecord(id: string, entry: JsonValue, body: JsonValue): void {
    this.#entries.set(id, JSON.parse(JSON.stringify(entry)) as JsonValue);
    this.#bodies.set(id, JSON.stringify(body));
  }
  deleteRecord(id: string): boolean {
    this.#bodies.delete(id);
    return this.#entries.delete(id);
  }
  async save(): Promise<void> {
    this.saves++;
  }
}
