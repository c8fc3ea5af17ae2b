import type { RecordVault } from '../credentials/record-vault';
import { SERVICE_RECORD_PREFIX, type ServiceBody } from '../credentials/service-records';
import { validateCredentialFields } from '../credentials/validate-credential';
import type { Credential } from '../model/credential';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { type AwsKeyPair, findAwsKeyPairs } from './aws-key-pair';
import { commitServices } from './commit-records';
import type {
  CredentialImportPlan,
  ImportItem,
  ImportResult,
  PlannedCredential,
  SkippedVariable,
} from './import-types';
import { newRecordId } from './record-id';
import { classifyVariable, fieldsFor } from './variable-kind';
import { type VariableRole, variableRole } from './variable-role';
import { findServiceByName, freeName, readServiceBody } from './vault-services';

export interface SourceVariable {
  variable: string;
  value: string;
  line?: number;
  /** Postman's per-variable switch; .env variables are always enabled. */
  enabled?: boolean;
  /** Postman's "secret" type. */
  markedSecret?: boolean;
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

/** The service an import goes into: its checked name, whether it exists, and its credentials' names (lower case). */
export async function importTarget(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  serviceName: string,
): Promise<{ name: string; exists: boolean; existingNames: ReadonlySet<string> }> {
  const name = checkServiceName(serviceName);
  const id = findServiceByName(vault, name);
  const existing = id === null ? null : await readServiceBody(vault, id);
  return {
    name,
    exists: existing !== null,
    existingNames: new Set(existing?.credentials.map((c) => c.name.toLowerCase()) ?? []),
  };
}

/** One row before names are given out: what it takes, what it becomes, and why. */
interface Row {
  variables: SourceVariable[];
  planned: PlannedCredential;
  role: VariableRole;
  becomes: string;
}

/** "API key in Payments, sent as Bearer": what a credential is, in the preview's words. */
export function becomes(service: string, planned: PlannedCredential): string {
  const f = planned.fields;
  switch (planned.kind) {
    case 'aws-sigv4':
      return `SigV4 key pair in ${service} (${String(f.region)}${f.sessionToken ? ', with session token' : ''})`;
    case 'api-key': {
      const where =
        typeof f.query === 'string'
          ? `in ?${f.query}=`
          : f.prefix === 'Bearer '
            ? 'as Bearer'
            : `in ${String(f.header)}`;
      return `API key in ${service}, sent ${where}`;
    }
    case 'jwt-signer':
      return `JWT signer (${String(f.algorithm)}) for ${String(f.subject ?? f.issuer ?? service)}`;
    default:
      return `Secret value in ${service}`;
  }
}

function variableRow(service: string, v: SourceVariable): Row {
  const role = variableRole(v.variable, v.value, v.markedSecret === true);
  const c = classifyVariable(v.variable, v.value, role.role === 'secret' ? role.shape?.sendAs : undefined);
  const planned = {
    name: v.variable,
    kind: c.kind,
    fields: validateCredentialFields(c.kind, fieldsFor(v.variable, v.value, c)) as Record<string, unknown>,
  };
  return { variables: [v], planned, role, becomes: becomes(service, planned) };
}

function awsRow(service: string, pair: AwsKeyPair, source: ReadonlyMap<string, SourceVariable>): Row {
  const planned = {
    name: pair.name,
    kind: 'aws-sigv4' as const,
    fields: validateCredentialFields('aws-sigv4', pair.fields) as Record<string, unknown>,
  };
  return {
    variables: pair.variables.map((v) => source.get(v)!),
    planned,
    role: { role: 'secret', why: 'AWS access key pair' },
    becomes: becomes(service, planned),
  };
}

/**
 * The plan for importing variables into one service: which credential each variable
 * becomes (see variable-kind.ts), whether it is a secret or configuration (variable-role.ts,
 * configuration unticked), under which name. An AWS key pair (aws-key-pair.ts) becomes one
 * SigV4 credential. Nothing is written. A variable set twice keeps its last value. A name the
 * service already uses is kept and the import is renamed "NAME (imported)" and unticked, so a
 * re-import never overwrites silently.
 */
export async function planCredentialImport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  format: 'env' | 'postman',
  serviceName: string,
  variables: readonly SourceVariable[],
): Promise<CredentialImportPlan> {
  const { name, exists, existingNames } = await importTarget(vault, serviceName);
  const last = new Map<string, SourceVariable>();
  for (const v of variables) {
    last.delete(v.variable);
    last.set(v.variable, v);
  }
  const taken = new Set(existingNames);

  const skipped: SkippedVariable[] = [];
  const filled = new Map<string, SourceVariable>();
  for (const v of last.values()) {
    if (v.value.trim() === '')
      skipped.push({ variable: v.variable, ...(v.line !== undefined ? { line: v.line } : {}), reason: 'empty-value' });
    else filled.set(v.variable, v);
  }
  const pairs = findAwsKeyPairs(new Map([...filled].map(([k, v]) => [k, v.value])));
  const pairOf = new Map(pairs.flatMap((p) => p.variables.map((v) => [v, p] as const)));

  const items: ImportItem[] = [];
  const credentials = new Map<string, PlannedCredential>();
  for (const v of filled.values()) {
    const pair = pairOf.get(v.variable);
    if (pair && pair.variables[0] !== v.variable) continue;
    const row = pair ? awsRow(name, pair, filled) : variableRow(name, v);
    const clashes = existingNames.has(row.planned.name.toLowerCase());
    const credentialName = freeName(row.planned.name, taken);
    taken.add(credentialName.toLowerCase());
    items.push({
      variable: v.variable,
      variables: row.variables.map((r) => r.variable),
      kind: row.planned.kind,
      credentialName,
      include: row.role.role === 'secret' && row.variables.every((r) => r.enabled ?? true) && !clashes,
      renamed: credentialName !== row.planned.name,
      role: row.role.role,
      why: row.role.why,
      becomes: row.becomes,
      ...(v.line !== undefined ? { line: v.line } : {}),
    });
    credentials.set(v.variable, row.planned);
  }
  return { preview: { format, service: { name, exists }, items, skipped }, credentials };
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
  // Any variable of a row chooses the row: AWS_SECRET_ACCESS_KEY takes its key pair.
  const rowOf = new Map(plan.preview.items.flatMap((i) => i.variables.map((v) => [v, i.variable] as const)));
  const chosen = (selected ?? plan.preview.items.filter((i) => i.include).map((i) => i.variable)).map((v) => {
    const row = rowOf.get(v);
    if (row === undefined) {
      throw new LatchError('ERR_BAD_INPUT', 'A chosen variable is not in the import preview; preview the file again.', {
        detail: { field: 'selected' },
      });
    }
    return row;
  });
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
  for (const [variable, planned] of plan.credentials) {
    if (!wanted.has(variable)) continue;
    const credentialName = freeName(planned.name, taken);
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
