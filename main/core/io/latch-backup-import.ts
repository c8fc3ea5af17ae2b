import type { RecordVault } from '../credentials/record-vault';
import { SERVICE_RECORD_PREFIX, type ServiceBody } from '../credentials/service-records';
import { LatchError } from '../model/errors';
import { openVault } from '../vault/open';
import { commitServices } from './commit-records';
import type { BackupImportPreview, ImportResult } from './import-types';
import { newRecordId } from './record-id';
import { freeName, readServiceBody, serviceEntries } from './vault-services';

export interface BackupImportPlan {
  preview: BackupImportPreview;
  /** By source service name: the bodies read from the backup (secrets included; kept in main). */
  bodies: ReadonlyMap<string, ServiceBody>;
}

/**
 * Opens a Latch backup with its password (read only: the backup is never written) and plans
 * a merge into `target`. Every service is ticked; one whose name this vault already has is
 * renamed "NAME (imported)" rather than merged or skipped, so nothing here is overwritten
 * and nothing from the backup is silently dropped. Non-service records are not imported.
 */
export async function planLatchBackupImport(
  target: Pick<RecordVault, 'entries'>,
  path: string,
  password: string,
): Promise<BackupImportPlan> {
  const backup = await openVault({ path, password });
  try {
    const bodies = new Map<string, ServiceBody>();
    let otherRecords = 0;
    for (const id of backup.entries().keys()) {
      if (!id.startsWith(SERVICE_RECORD_PREFIX)) {
        otherRecords++;
        continue;
      }
      const body = await readServiceBody(backup, id);
      // Two services of one name in the backup: the second is previewed under its own free name.
      let key = body.name;
      for (let n = 2; bodies.has(key); n++) key = `${body.name} #${n}`;
      bodies.set(key, body);
    }
    const taken = new Set([...serviceEntries(target).values()].map((e) => e.name.toLowerCase()));
    const services: BackupImportPreview['services'] = [];
    for (const [source, body] of bodies) {
      const name = freeName(body.name, taken);
      taken.add(name.toLowerCase());
      services.push({
        source,
        name,
        renamed: name !== body.name,
        include: true,
        credentials: body.credentials.map((c) => ({ name: c.name, kind: c.kind })),
      });
    }
    return { preview: { format: 'latch', services, otherRecords }, bodies };
  } finally {
    backup.lock();
  }
}

/** Adds the chosen services (default: the ticked ones) as new services, in one save. */
export async function applyLatchBackupImport(
  vault: RecordVault,
  plan: BackupImportPlan,
  selected?: readonly string[],
): Promise<ImportResult> {
  const chosen = selected ?? plan.preview.services.filter((s) => s.include).map((s) => s.source);
  for (const s of chosen) {
    if (!plan.bodies.has(s)) {
      throw new LatchError('ERR_BAD_INPUT', 'A chosen service is not in the backup preview; preview it again.', {
        detail: { field: 'selected' },
      });
    }
  }
  // Names are taken afresh: the vault may have changed since the preview.
  const taken = new Set([...serviceEntries(vault).values()].map((e) => e.name.toLowerCase()));
  const writes = new Map<string, ServiceBody>();
  let credentials = 0;
  for (const source of new Set(chosen)) {
    const body = plan.bodies.get(source)!;
    const name = freeName(body.name, taken);
    taken.add(name.toLowerCase());
    writes.set(newRecordId(SERVICE_RECORD_PREFIX), { ...body, name });
    credentials += body.credentials.length;
  }
  if (writes.size === 0) return { serviceIds: [], credentials: 0 };
  await commitServices(vault, writes);
  return { serviceIds: [...writes.keys()], credentials };
}
