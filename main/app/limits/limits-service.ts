/**
 * Rate limits per service: the app's one polite gate (the request tester waits on it, the
 * service page shows and edits its limits), and the limits and remembered Retry-After answers
 * kept in the vault.
 */
import { createPoliteGate, LimitRecords, type PoliteGate } from '../../core/limits';
import type { RateLimit, RateLimitState } from '../../core/model/rate-limit';
import type { Clock } from '../../core/platform';
import type { Credentials } from '../credentials/credentials';
import type { AppEvents } from '../events';
import { savingRecords, type VaultAccess } from '../vault/vault-access';

export class LimitsService {
  readonly gate: PoliteGate;

  constructor(
    private readonly deps: { vault: VaultAccess; credentials: Credentials; events: AppEvents; clock: Clock },
  ) {
    this.gate = createPoliteGate({
      records: () => this.#records(),
      clock: deps.clock,
      shareSends: false,
    });
  }

  #records(): LimitRecords {
    // Saves take the vault's one write path: a failed save raises the save-failed banner.
    return new LimitRecords(savingRecords(this.deps.vault));
  }

  #changed(serviceId: string): void {
    this.gate.invalidate(serviceId);
    this.deps.events.emit('limits.changed', { serviceId });
  }

  state(serviceId: string): Promise<RateLimitState> {
    return this.gate.state(serviceId);
  }

  async set(serviceId: string, credentialId: string | undefined, limit: RateLimit | null): Promise<RateLimitState> {
    // Names a real service and credential, so no limit is kept for something that is not there.
    if (credentialId !== undefined) await this.deps.credentials.credential(serviceId, credentialId);
    else await this.deps.credentials.body(serviceId);
    await this.#records().setLimit(serviceId, credentialId ?? null, limit);
    this.#changed(serviceId);
    return this.gate.state(serviceId);
  }

  async clearBlocks(serviceId: string): Promise<RateLimitState> {
    const r = this.#records();
    await r.commit(() => r.clearBlocks(serviceId));
    this.#changed(serviceId);
    return this.gate.state(serviceId);
  }
}
