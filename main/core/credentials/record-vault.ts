import type { Checkpoint } from '../vault/checkpoint';
import type { JsonValue } from '../vault/types';

/**
 * The part of an open vault the service store needs: an index entry and an encrypted
 * body per record. OpenVault provides it; so can an in-memory stand-in in unit tests.
 */
export interface RecordVault {
  entries(): ReadonlyMap<string, JsonValue>;
  /**
   * The entries whose index text, lowercased, contains needle: all of them and maybe more (the caller checks
   * each); null (or absent) when only a search of entries() can tell. OpenVault's line index answers it by
   * reading a few rows instead of every one.
   */
  entriesMentioning?(needle: string): [string, JsonValue][] | null;
  readRecord(id: string): Promise<JsonValue>;
  putRecord(id: string, entry: JsonValue, body: JsonValue): void;
  deleteRecord(id: string): boolean;
  save(): Promise<unknown>;
  /** A point the record changes that follow can be rolled back to (OpenVault.checkpoint); absent: none. */
  checkpoint?(): Checkpoint;
  /**
   * Runs fn as the vault's only writer in this process (OpenVault.writerTurn); absent: no other writer. Every
   * store runs its read, writes and save in it (asOnlyWriter), so no other writer's save or rollback splits them.
   */
  writerTurn?<T>(fn: () => Promise<T>): Promise<T>;
}
