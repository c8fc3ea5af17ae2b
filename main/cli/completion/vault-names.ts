import type { CliContext } from '../registry';

export interface VaultNames {
  /** Service names as shell words (shellWord), which `latch list`, `edit` and `copy` read back. */
  services: string[];
  /** `latch://SERVICE/CREDENTIAL`, each name a shell word, which a reference reads back (parseSecretReference). */
  references: string[];
}

/**
 * A vault name as one shell word that no shell reads anything into: percent-encoded (a space is %20) as a
 * reference is, and also the characters encodeURIComponent leaves that a shell does not take literally (' ( ) *
 * ! ~), and a leading "-" (an option). A vault's names are not the user's own typing (an imported or shared
 * vault), and completion puts them on a command line the user then runs: a service named *(e'reboot') inserted
 * as typed is a zsh glob qualifier that runs reboot, and O'Hare opens a quote.
 */
export function shellWord(name: string): string {
  return encodeURIComponent(name)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/^-/, '%2D');
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
      const service = shellWord(entry.name);
      services.push(service);
      for (const c of entry.credentials) references.push(`latch://${service}/${shellWord(c.name)}`);
    }
    return { services: services.sort(), references: references.sort() };
  } finally {
    vault.lock();
  }
}
