import type { RecordVault } from '../credentials/record-vault';
import { SERVICE_RECORD_PREFIX, type ServiceBody } from '../credentials/service-records';
import { validateCredentialFields } from '../credentials/validate-credential';
import type { Credential, CredentialKind } from '../model/credential';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { commitServices } from './commit-records';
import type { CredentialImportPlan, ImportItem, ImportResult, SkippedVariable } from './import-types';
import { newRecordId } from './record-id';
import { classifyVariable, fieldsFor } from './variable-kind';
import { findServiceByName, freeName, readServiceBody } from './vault-services';

export interface SourceVariable {
  variable: string;
  value: string;
  line?: number;
  /** Postman's per-variable switch; .env variables are always enabled. */
  enabled?: boolean;
}

const MAX_SERVICE_NAME = 120;

function checkServiceName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > MAX_SERVICE_NAME) {
    throw new LatchError('ERR_BAD_INPUT', 'The target service needs a name of 1 to 120 characters.', {
      detail: { field: 'service' },
    });
  }
  return n;
}

/**
 * The plan for importing variables into one service: which credential each variable
 * becomes (see variable-kind.ts), under which name, ticked or not. Nothing is written.
 * A variable set twice keeps its last value. A name the service already uses is kept and the
 * import is renamed "NAME (imported)" and unticked, so a re-import never overwrites silently.
 */
export async function planCredentialImport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  format: 'env' | 'postman',
  serviceName: string,
  variables: readonly SourceVariable[],
): Promise<CredentialImportPlan> {
  const name = checkServiceName(serviceName);
  const last = new Map<string, SourceVariable>();
  for (const v of variables) {
    last.delete(v.variable);
    last.set(v.variable, v);
  }
  const existingId = findServiceByName(vault, name);
  const existing = existingId === null ? null : await readServiceBody(vault, existingId);
  const existingNames = new Set(existing?.credentials.map((c) => c.name.toLowerCase()) ?? []);
  const taken = new Set(existingNames);

  const items: ImportItem[] = [];
  const skipped: SkippedVariable[] = [];
  const credentials = new Map<string, { kind: CredentialKind; fields: Record<string, unknown> }>();
  for (const v of last.values()) {
    if (v.value.trim() === '') {
      skipped.push({ variable: v.variable, ...(v.line !== undefined ? { line: v.line } : {}), reason: 'empty-value' });
      continue;
    }
    const c = classifyVariable(v.variable, v.value);
    const fields = validateCredentialFields(c.kind, fieldsFor(v.variable, v.value, c)) as Record<string, unknown>;
    const clashes = existingNames.has(v.variable.toLowerCase());
    const credentialName = freeName(v.variable, taken);
    taken.add(credentialName.toLowerCase());
    items.push({
      variable: v.variable,
      kind: c.kind,
      credentialName,
      include: (v.enabled ?? true) && !clashes,
      renamed: credentialName !== v.variable,
      ...(v.line !== undefined ? { line: v.line } : {}),
    });
    credentials.set(v.variable, { kind: c.kind, fields });
  }
  return { preview: { format, service: { name, exists: existing !== null }, items, skipped }, credentials };
}

/**
 * Writes the chosen variables (default: the ticked ones) as credentials in one save. The
 * target service is looked up again, so a change since the preview is not overwritten.
 */
export async function applyCredentialImport(
  vault: RecordVault,
  clock: Clock,
  plan: CredentialImportPlan,
  selected?: readonly string[],
): Promise<ImportResult> {
  const chosen = selected ?? plan.preview.items.filter((i) => i.include).map((i) => i.variable);
  const items = new Map(plan.preview.items.map((i) => [i.variable, i]));
  for (const v of chosen) {
    if (!items.has(v)) {
      throw new LatchError('ERR_BAD_INPUT', 'A chosen variable is not in the import preview; preview the file again.', {
        detail: { field: 'selected' },
      });
    }
  }
  if (chosen.length === 0) return { serviceIds: [], credentials: 0 };

  const now = clock.now();
  const name = plan.preview.service.name;
  const existingId = findServiceByName(vault, name);
  const id = existingId ?? newRecordId(SERVICE_RECORD_PREFIX);
  const base: ServiceBody =
    existingId === null
      ? {
          v: 1,
          name,
          baseUrl: '',
          tags: [],
          notes: '',
          favourite: false,
          createdAt: now,
          updatedAt: now,
          credentials: [],
        }
      : await readServiceBody(vault, existingId);
  const taken = new Set(base.credentials.map((c) => c.name.toLowerCase()));
  const added: Credential[] = [];
  const wanted = new Set(chosen);
  for (const variable of plan.credentials.keys()) {
    if (!wanted.has(variable)) continue;
    const planned = plan.credentials.get(variable)!;
    const credentialName = freeName(variable, taken);
    taken.add(credentialName.toLowerCase());
    added.push({
      id: newRecordId('cred_'),
      name: credentialName,
      kind: planned.kind,
      fields: planned.fields,
      createdAt: now,
      updatedAt: now,
      expiresAt: null,
      rotation: {},
    } as Credential);
  }
  await commitServices(
    vault,
    new Map([[id, { ...base, updatedAt: now, credentials: [...base.credentials, ...added] }]]),
  );
  return { serviceIds: [id], credentials: added.length };
}
