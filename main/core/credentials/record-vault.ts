import type { JsonValue } from '../vault/types';

/**
 * The part of an open vault the service store needs: an index entry and an encrypted
 * body per record. OpenVault provides it; so can an in-memory stand-in in unit tests.
 */
export interface RecordVault {
  entries(): ReadonlyMap<string, JsonValue>;
  readRecord(id: string): Promise<JsonValue>;
  putRecord(id: string, entry: JsonValue, body: JsonValue): void;
  deleteRecord(id: string): boolean;
  save(): Promise<unknown>;
}
