/**
 * Names what a lock dropped, for the notice the user sees on the unlock screen: a service by its
 * name, the other records by what they hold. Never a secret: only the index entry (a service's
 * name) is read, and a record's id never reaches the text.
 */
import { AUDIT_RECORD_PREFIX } from '../../core/audit/report-store';
import { readServiceEntry, SERVICE_RECORD_PREFIX } from '../../core/credentials/service-records';
import { BLOCK_PREFIX, POLICY_PREFIX, SEND_PREFIX } from '../../core/limits/limit-records';
import { REQUEST_RECORD_PREFIX } from '../../core/requests/request-records';
import type { UnsavedRecord } from '../../core/vault/open-vault';

const KINDS: [prefix: string, name: string][] = [
  [REQUEST_RECORD_PREFIX, 'request history and saved requests'],
  [AUDIT_RECORD_PREFIX, 'audit reports'],
  [POLICY_PREFIX, 'rate limits'],
  [SEND_PREFIX, 'rate-limit state'],
  [BLOCK_PREFIX, 'rate-limit state'],
];

function nameOf({ id, entry }: UnsavedRecord): string {
  if (id.startsWith(SERVICE_RECORD_PREFIX)) {
    const service = entry === null ? null : readServiceEntry(entry);
    return service ? `service "${service.name}"` : 'a deleted service';
  }
  return KINDS.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'other vault data';
}

/** One name per thing lost, in the order they were changed; the same kind of thing named once. */
export function describeLost(records: readonly UnsavedRecord[]): string[] {
  const names = [...new Set(records.map(nameOf))];
  // A lock can also drop a vault-wide change with no record (a settings change).
  return names.length > 0 ? names : ['a change to the vault settings'];
}
