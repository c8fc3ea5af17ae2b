/**
 * Revocations that must not block a local delete. Deleting a credential removes it locally at
 * once and enqueues its tokens here; the queue retries what the server could not take yet
 * (RFC 7009 §2.2.1: 503 means "try later") with exponential backoff or the server's Retry-After.
 *
 * Pure: no timers, no storage, no network of its own. The clock, the revoke function and the
 * persistence (onChange gets a JSON-ready snapshot; restore() takes it back) are injected, so the
 * vault can keep the queue encrypted next to the credentials (jobs hold client secrets/tokens)
 * and the app decides when to call runDue() (at unlock, on a timer, when the network returns).
 */
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import type { RevocationResult } from './revocation';

export interface QueuedRevocation<J> {
  id: string;
  job: J;
  attempts: number;
  enqueuedAt: number;
  nextAttemptAt: number;
  lastError?: string;
}

export type RevocationOutcome<J> =
  | { id: string; job: J; outcome: 'revoked' }
  | { id: string; job: J; outcome: 'retry'; nextAttemptAt: number; reason: string }
  | { id: string; job: J; outcome: 'dropped'; error: LatchError };

export interface RevocationQueueOptions<J> {
  clock: Clock;
  revoke: (job: J) => Promise<RevocationResult>;
  /** Called after every change with the full queue, to persist it. */
  onChange?: (items: QueuedRevocation<J>[]) => void;
  /** Default 30 s, doubling per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts the job is dropped (default 20: about a day at the cap). */
  maxAttempts?: number;
  /** Jobs older than this are dropped: the token has expired on its own by then (default 30 days). */
  maxAgeMs?: number;
}

let counter = 0;

export class RevocationQueue<J> {
  #items: QueuedRevocation<J>[] = [];
  #running = false;
  readonly #o: Required<Omit<RevocationQueueOptions<J>, 'onChange'>> & Pick<RevocationQueueOptions<J>, 'onChange'>;

  constructor(options: RevocationQueueOptions<J>) {
    this.#o = {
      baseDelayMs: 30_000,
      maxDelayMs: 60 * 60_000,
      maxAttempts: 20,
      maxAgeMs: 30 * 24 * 60 * 60_000,
      ...options,
    };
  }

  /** Returns at once; nothing here touches the network. */
  enqueue(job: J, id = `rev-${this.#o.clock.now().toString(36)}-${(counter++).toString(36)}`): string {
    const now = this.#o.clock.now();
    this.#items.push({ id, job, attempts: 0, enqueuedAt: now, nextAttemptAt: now });
    this.#changed();
    return id;
  }

  /** Takes back a persisted snapshot (e.g. after unlock); replaces the current content. */
  restore(items: QueuedRevocation<J>[]): void {
    this.#items = items.map((i) => ({ ...i }));
  }

  snapshot(): QueuedRevocation<J>[] {
    return this.#items.map((i) => ({ ...i }));
  }

  get size(): number {
    return this.#items.length;
  }

  /** When the next job is due, for the caller's timer; undefined when empty. */
  nextDueAt(): number | undefined {
    return this.#items.length === 0 ? undefined : Math.min(...this.#items.map((i) => i.nextAttemptAt));
  }

  #delay(attempts: number, retryAfterMs?: number): number {
    const backoff = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return retryAfterMs === undefined ? backoff : Math.min(this.#o.maxDelayMs, Math.max(retryAfterMs, 1_000));
  }

  #changed(): void {
    this.#o.onChange?.(this.snapshot());
  }

  /** Tries every due job once, one after the other (no burst against a struggling server). */
  async runDue(): Promise<RevocationOutcome<J>[]> {
    if (this.#running) return [];
    this.#running = true;
    const outcomes: RevocationOutcome<J>[] = [];
    try {
      const now = this.#o.clock.now();
      const due = this.#items.filter((i) => i.nextAttemptAt <= now);
      for (const item of due) {
        const outcome = await this.#attempt(item);
        outcomes.push(outcome);
        if (outcome.outcome === 'retry') {
          item.attempts += 1;
          item.nextAttemptAt = outcome.nextAttemptAt;
          item.lastError = outcome.reason;
        } else {
          this.#items = this.#items.filter((i) => i !== item);
        }
        this.#changed();
      }
    } finally {
      this.#running = false;
    }
    return outcomes;
  }

  async #attempt(item: QueuedRevocation<J>): Promise<RevocationOutcome<J>> {
    const { id, job } = item;
    const now = this.#o.clock.now();
    const giveUp = (reason: string) =>
      ({
        id,
        job,
        outcome: 'dropped',
        error: new LatchError(
          'ERR_OAUTH',
          'The token could not be revoked at the server; it stays valid until it expires.',
          {
            detail: { error: 'revocation_abandoned', error_description: reason },
          },
        ),
      }) as const;
    if (now - item.enqueuedAt > this.#o.maxAgeMs) return giveUp('too_old');
    let result: RevocationResult;
    try {
      result = await this.#o.revoke(job);
    } catch (e) {
      const error =
        e instanceof LatchError
          ? e
          : new LatchError('ERR_OAUTH', 'Revoking the token failed unexpectedly.', { detail: { error: 'internal' } });
      return { id, job, outcome: 'dropped', error };
    }
    if (result.status === 'revoked') return { id, job, outcome: 'revoked' };
    if (item.attempts + 1 >= this.#o.maxAttempts) return giveUp(result.reason);
    return {
      id,
      job,
      outcome: 'retry',
      nextAttemptAt: now + this.#delay(item.attempts + 1, result.retryAfterMs),
      reason: result.reason,
    };
  }
}
