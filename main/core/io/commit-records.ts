import type { RecordVault } from '../credentials/record-vault';
import { entryFor, type ServiceBody } from '../credentials/service-records';
import type { JsonValue } from '../vault/types';

/**
 * Writes every service body and saves once. If the save fails, the records are put back as
 * they were (new ones deleted), so the open vault matches the file again: all or nothing.
 */
export async function commitServices(vault: RecordVault, bodies: ReadonlyMap<string, ServiceBody>): Promise<void> {
  const before = new Map<string, { entry: JsonValue; body: JsonValue } | null>();
  for (const id of bodies.keys()) {
    const entry = vault.entries().get(id);
    before.set(id, entry === undefined ? null : { entry, body: await vault.readRecord(id) });
  }
  try {
    for (const [id, body] of bodies) vault.putRecord(id, entryFor(body) as unknown as JsonValue, body as never);
    await vault.save();
  } catch (e) {
    for (const [id, old] of before) {
      if (old === null) vault.deleteRecord(id);
      else vault.putRecord(id, old.entry, old.body);
    }
    throw e;
  }
}
