import { formatSecretReference } from '../../core/credentials/secret-reference';
import type { CliContext } from '../registry';

export interface VaultNames {
  services: string[];
  /** `latch://SERVICE/CREDENTIAL`, names percent-encoded (a space is %20), so each is one shell word. */
  references: string[];
}

/**
 * Service and credential names from the vault's index, when it opens without a person: through the unlock
 * agent or quick unlock (noPrompt, so never a password prompt). Only names leave here: no record is
 * decrypted, so no secret is ever read. A locked vault gives none.
 */
export async function vaultNames(ctx: CliContext): Promise<VaultNames> {
  const { unlockVault } = await import('../unlock');
  const vault = await unlockVault(ctx, { noPrompt: true });
  try {
    const { readServiceEntry, SERVICE_RECORD_PREFIX } = await import('../../core/credentials/service-records');
    const services: string[] = [];
    const references: string[] = [];
    for (const [id, raw] of vault.entries()) {
      const entry = id.startsWith(SERVICE_RECORD_PREFIX) ? readServiceEntry(raw) : null;
      if (!entry) continue;
      services.push(encodeURIComponent(entry.name));
      for (const c of entry.credentials)
        references.push(formatSecretReference({ service: entry.name, credential: c.name, field: null }));
    }
    return { services: services.sort(), references: references.sort() };
  } finally {
    vault.lock();
  }
}
