import { type Credential, SECRET_FIELDS } from '../model/credential';
import type { CredentialView } from '../model/service';
import { credentialStatuses, tokenExpiresAt, tokenFacts } from './credential-status';

type Plain = string | number | boolean | string[];

/** A credential as the renderer may see it: non-secret fields with values, secret fields only by name. */
export function credentialView(c: Credential, now: number): CredentialView {
  const secret = new Set(SECRET_FIELDS[c.kind]);
  const fields: Record<string, Plain> = {};
  const secretFields: string[] = [];
  for (const [name, value] of Object.entries(c.fields as Record<string, unknown>)) {
    if (secret.has(name)) {
      if (value !== undefined && value !== '') secretFields.push(name);
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
  }
  const token = tokenExpiresAt(c);
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    expiresAt: c.expiresAt,
    rotation: {
      ...(c.rotation.everyDays !== undefined ? { everyDays: c.rotation.everyDays } : {}),
      ...(c.rotation.lastRotatedAt !== undefined ? { lastRotatedAt: c.rotation.lastRotatedAt } : {}),
      ...(c.rotation.previousUntil !== undefined ? { previousUntil: c.rotation.previousUntil } : {}),
    },
    tokenExpiresAt: token,
    token: tokenFacts(c),
    statuses: credentialStatuses({ ...c, tokenExpiresAt: token }, now),
    fields,
    secretFields,
    hasPrevious: c.rotation.previous !== undefined && (c.rotation.previousUntil ?? 0) > now,
    hosts: c.hosts,
    approvedOrigins: c.approvedOrigins,
  };
}
