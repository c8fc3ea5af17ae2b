/**
 * The live codes screen's one subscription: the codes on screen, computed in main at each
 * period boundary and pushed as one `totp.codes` event. Each subscribe replaces the set (one
 * screen shows codes at a time); locking the vault stops it and forgets the secrets it held.
 */
import { SERVICE_RECORD_PREFIX } from '../../core/credentials/service-records';
import type { ServiceStore } from '../../core/credentials/service-store';
import type { Clock } from '../../core/platform';
import { type LiveCodeItem, liveCodeBatch, type OtpSpec, type TickBatch, TotpTicker } from '../../core/totp';
import type { AppEvents } from '../events';

/** One code on screen; the contract's TotpCodeItem has the same shape. */
export interface TotpCodeItem {
  credentialId: string;
  code: string | null;
  next: string | null;
  period: number | null;
  secondsRemaining: number | null;
  validUntilMs: number | null;
  /** Why this credential cannot make a code (deleted, damaged secret); the others still update. */
  error: string | null;
}

export function toCodeItem(item: LiveCodeItem): TotpCodeItem {
  if (!item.ok) {
    return {
      credentialId: item.id,
      code: null,
      next: null,
      period: null,
      secondsRemaining: null,
      validUntilMs: null,
      error: item.error.message,
    };
  }
  return {
    credentialId: item.id,
    code: item.code,
    next: item.next,
    period: item.period,
    secondsRemaining: item.secondsRemaining,
    validUntilMs: item.validUntilMs,
    error: null,
  };
}

/** Every totp credential's spec among `ids`, read from the services that hold them. */
export async function loadSpecs(store: ServiceStore, ids: readonly string[]): Promise<Map<string, OtpSpec>> {
  const wanted = new Set(ids);
  const services = new Set<string>();
  for (const s of store.summaries()) {
    if (!s.id.startsWith(SERVICE_RECORD_PREFIX)) continue;
    if (s.credentials.some((c) => c.kind === 'totp' && wanted.has(c.id))) services.add(s.id);
  }
  const specs = new Map<string, OtpSpec>();
  for (const serviceId of services) {
    const body = await store.body(serviceId);
    for (const c of body.credentials) {
      if (c.kind !== 'totp' || !wanted.has(c.id)) continue;
      const { secret, type, algorithm, digits, period, counter } = c.fields;
      specs.set(c.id, { secret, type, algorithm, digits, period, counter });
    }
  }
  return specs;
}

export class TotpLive {
  #specs = new Map<string, OtpSpec>();
  #unsubscribe: (() => void) | null = null;
  readonly #ticker: TotpTicker<LiveCodeItem>;

  constructor(
    private readonly events: AppEvents,
    clock: Clock,
  ) {
    this.#ticker = new TotpTicker<LiveCodeItem>({
      clock,
      compute: (ids, nowMs) => liveCodeBatch((id) => this.#specs.get(id), ids, nowMs),
      onError: () => undefined,
    });
    events.on('vault.changed', ({ status }) => {
      if (status.state !== 'unlocked') this.stop();
    });
  }

  /** Replaces the codes on screen. HOTP codes do not tick: they get one code now and no timer. */
  start(specs: Map<string, OtpSpec>): number {
    this.stop();
    this.#specs = specs;
    const entries = [...specs].map(([id, spec]) => ({
      id,
      period: spec.type === 'hotp' ? 0 : spec.type === 'steam' ? 30 : spec.period,
    }));
    const ticking = entries.filter((e) => e.period > 0);
    this.#unsubscribe = this.#ticker.subscribe(ticking, (batch) => this.#send(batch));
    return entries.length;
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#specs = new Map();
  }

  #send(batch: TickBatch<LiveCodeItem>): void {
    this.events.emit('totp.codes', {
      nowMs: batch.nowMs,
      initial: batch.initial,
      items: batch.items.map(toCodeItem),
    });
  }
}
