/**
 * Adds one or many TOTP credentials, all or nothing. Every item is checked first (its link or
 * export entry parsed, its fields validated, a code computed once, its service found and its name
 * free), so a refusal changes nothing; then the writes run, inside one batch (`Credentials.batch`),
 * whose rollback takes back the ones already made if a later one fails.
 */
import type { ServiceStore } from '../../core/credentials/service-store';
import { validateCredentialFields } from '../../core/credentials/validate-credential';
import { LatchError } from '../../core/model/errors';
import {
  generateCode,
  importMigrationUri,
  type MigrationBatch,
  parseOtpAuthUri,
  type TotpFieldValues,
} from '../../core/totp';

/** One code to add: from typed fields, an otpauth:// link, or one account of an authenticator export. */
export interface TotpAddItem {
  /** An existing service; or `serviceName`, which finds a service by name or creates it. */
  serviceId?: string | undefined;
  serviceName?: string | undefined;
  name: string;
  source:
    | { kind: 'fields'; fields: Record<string, unknown> }
    | { kind: 'uri'; uri: string }
    | { kind: 'migration'; uri: string; index: number };
}

type Item = TotpAddItem;

interface Planned {
  /** An existing service, or the key of a service to create. */
  target: { kind: 'existing'; serviceId: string } | { kind: 'new'; key: string; name: string };
  name: string;
  fields: TotpFieldValues;
}

/** "Acme Corp", "acme-corp" and "ACME corp." are one issuer: case, spaces and punctuation aside. */
const issuerKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The services a code for `name` joins: the one named exactly so (ignoring case); failing that,
 * the ones whose name matches as an issuer would write it, so a code issued by "acme-corp"
 * joins the "Acme Corp" service instead of making a second, code-only one.
 */
function servicesNamed<S extends { name: string }>(summaries: readonly S[], name: string): S[] {
  const exact = summaries.filter((s) => s.name.toLowerCase() === name.toLowerCase());
  if (exact.length > 0 || issuerKey(name) === '') return exact;
  return summaries.filter((s) => issuerKey(s.name) === issuerKey(name));
}

function itemError(index: number, e: unknown): unknown {
  if (e instanceof LatchError) {
    return new LatchError(e.code, e.message, { detail: { ...e.detail, item: index } });
  }
  return e;
}

function fieldsOf(item: Item, migrations: Map<string, MigrationBatch>, nowMs: number): TotpFieldValues {
  const source = item.source;
  let fields: TotpFieldValues;
  if (source.kind === 'fields') {
    fields = validateCredentialFields('totp', source.fields);
  } else if (source.kind === 'uri') {
    fields = parseOtpAuthUri(source.uri).fields;
  } else {
    let batch = migrations.get(source.uri);
    if (!batch) {
      batch = importMigrationUri(source.uri);
      migrations.set(source.uri, batch);
    }
    const account = batch.accounts[source.index];
    if (!account) throw new LatchError('ERR_NOT_FOUND', 'That account is not in the export.');
    if (!account.ok) throw new LatchError(account.error.code, account.error.message, { detail: account.error.detail });
    fields = account.fields;
  }
  // Digits or a period the model allows but no authenticator computes are refused now, not on screen.
  generateCode(fields, nowMs);
  return fields;
}

export async function addTotpCredentials(
  store: ServiceStore,
  items: readonly Item[],
  nowMs: number,
): Promise<{ serviceId: string; credentialId: string }[]> {
  const summaries = store.summaries();
  const migrations = new Map<string, MigrationBatch>();
  const takenNames = new Map<string, Set<string>>();
  const plans: Planned[] = [];

  for (const [index, item] of items.entries()) {
    try {
      const fields = fieldsOf(item, migrations, nowMs);
      let target: Planned['target'];
      if (item.serviceId !== undefined) {
        const body = await store.body(item.serviceId);
        target = { kind: 'existing', serviceId: item.serviceId };
        if (!takenNames.has(item.serviceId))
          takenNames.set(item.serviceId, new Set(body.credentials.map((c) => c.name.toLowerCase())));
      } else {
        const name = (item.serviceName ?? '').trim();
        if (name === '')
          throw new LatchError('ERR_BAD_INPUT', 'Name the service these codes belong to.', {
            detail: { field: 'serviceName' },
          });
        const matches = servicesNamed(summaries, name);
        if (matches.length > 1)
          throw new LatchError('ERR_CONFLICT', `Several services are named "${name}"; choose one.`, {
            detail: { field: 'serviceName' },
          });
        const existing = matches[0];
        if (existing) {
          target = { kind: 'existing', serviceId: existing.id };
          if (!takenNames.has(existing.id))
            takenNames.set(existing.id, new Set(existing.credentials.map((c) => c.name.toLowerCase())));
        } else {
          const key = `new:${name.toLowerCase()}`;
          target = { kind: 'new', key, name };
          if (!takenNames.has(key)) takenNames.set(key, new Set());
        }
      }
      const name = item.name.trim();
      if (name === '') throw new LatchError('ERR_BAD_INPUT', 'Give the code a name.', { detail: { field: 'name' } });
      const taken = takenNames.get(target.kind === 'existing' ? target.serviceId : target.key);
      if (taken?.has(name.toLowerCase())) {
        throw new LatchError('ERR_BAD_INPUT', `The service already has a credential named "${name}"; rename it.`, {
          detail: { field: 'name' },
        });
      }
      taken?.add(name.toLowerCase());
      plans.push({ target, name, fields });
    } catch (e) {
      throw itemError(index, e);
    }
  }

  const createdServices = new Map<string, string>();
  const added: { serviceId: string; credentialId: string }[] = [];
  for (const plan of plans) {
    let serviceId: string;
    if (plan.target.kind === 'existing') serviceId = plan.target.serviceId;
    else {
      const known = createdServices.get(plan.target.key);
      serviceId = known ?? (await store.createService({ name: plan.target.name }));
      createdServices.set(plan.target.key, serviceId);
    }
    const credentialId = await store.addCredential(serviceId, { kind: 'totp', name: plan.name, fields: plan.fields });
    added.push({ serviceId, credentialId });
  }
  return added;
}
