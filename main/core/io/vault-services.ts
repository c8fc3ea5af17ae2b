import type { RecordVault } from '../credentials/record-vault';
import {
  readServiceEntry,
  SERVICE_RECORD_PREFIX,
  ServiceBody,
  type ServiceEntry,
} from '../credentials/service-records';
import { LatchError } from '../model/errors';

/** The services in a vault's index, by id: what import needs to find names and clashes. */
export function serviceEntries(vault: Pick<RecordVault, 'entries'>): Map<string, ServiceEntry> {
  const out = new Map<string, ServiceEntry>();
  for (const [id, raw] of vault.entries()) {
    if (!id.startsWith(SERVICE_RECORD_PREFIX)) continue;
    const entry = readServiceEntry(raw);
    if (entry) out.set(id, entry);
  }
  return out;
}

/** The id of the service named `name` (case-insensitive), or null. */
export function findServiceByName(vault: Pick<RecordVault, 'entries'>, name: string): string | null {
  const wanted = name.trim().toLowerCase();
  for (const [id, e] of serviceEntries(vault)) if (e.name.toLowerCase() === wanted) return id;
  return null;
}

export async function readServiceBody(vault: Pick<RecordVault, 'readRecord'>, id: string): Promise<ServiceBody> {
  const parsed = ServiceBody.safeParse(await vault.readRecord(id));
  if (!parsed.success)
    throw new LatchError('ERR_VAULT_CORRUPT', 'A service record could not be read; restore it from a backup.');
  return parsed.data;
}

/** `name`, or `name (imported)`, `name (imported 2)`… whichever is not taken (case-insensitive). */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name} (imported)` : `${name} (imported ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
