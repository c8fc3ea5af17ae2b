import type { Clock } from '../platform';
import { planNextTick, type TickEntry } from './ticker-plan';
import { timeStep } from './window';

export type TimerHandle = unknown;

/** The one timer primitive the ticker needs; injected so tests and the benchmark run on a fake clock. */
export interface Timer {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimer: Timer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TickBatch<T> {
  /** Local time the batch was computed at. */
  nowMs: number;
  /** true for the batch sent on subscribe (all ids), false at a period boundary (only the ids that rolled). */
  initial: boolean;
  items: T[];
}

export interface TickerOptions<T> {
  clock: Clock;
  timer?: Timer;
  /** Computes the codes for `ids` at `nowMs`; called once per subscriber per boundary. */
  compute: (ids: string[], nowMs: number) => T[];
  /** Where a throwing compute or subscriber goes; without it the error is rethrown after the timer is re-armed. */
  onError?: (error: unknown) => void;
}

interface Subscription<T> {
  entries: TickEntry[];
  lastStep: Map<string, number>;
  onBatch: (batch: TickBatch<T>) => void;
}

/**
 * Drives the live codes screen: one timer for the next boundary across every subscribed code,
 * one batch per subscriber per boundary. Which ids are due is decided by comparing each code's
 * current time step with the one last sent, so a late timer, a suspend/resume or a clock jump
 * still sends each changed code exactly once.
 */
export class TotpTicker<T> {
  private readonly clock: Clock;
  private readonly timer: Timer;
  private readonly compute: (ids: string[], nowMs: number) => T[];
  private readonly onError: ((error: unknown) => void) | undefined;
  private readonly subscriptions = new Set<Subscription<T>>();
  private handle: TimerHandle | undefined;
  private armedFor: number | undefined;

  constructor(options: TickerOptions<T>) {
    this.clock = options.clock;
    this.timer = options.timer ?? systemTimer;
    this.compute = options.compute;
    this.onError = options.onError;
  }

  /** Sends the current codes for `entries` at once, then a batch at every boundary where some change. */
  subscribe(entries: readonly TickEntry[], onBatch: (batch: TickBatch<T>) => void): () => void {
    const sub: Subscription<T> = { entries: [...entries], lastStep: new Map(), onBatch };
    this.subscriptions.add(sub);
    const nowMs = this.clock.now();
    for (const e of sub.entries) sub.lastStep.set(e.id, timeStep(nowMs, e.period));
    try {
      if (sub.entries.length > 0)
        onBatch({ nowMs, initial: true, items: this.compute(this.idsOf(sub.entries), nowMs) });
    } finally {
      this.arm();
    }
    return () => {
      if (this.subscriptions.delete(sub)) this.arm();
    };
  }

  /** Stops the timer and drops every subscriber. */
  dispose(): void {
    this.subscriptions.clear();
    this.arm();
  }

  private idsOf(entries: readonly TickEntry[]): string[] {
    return entries.map((e) => e.id);
  }

  private arm(): void {
    const all: TickEntry[] = [];
    for (const sub of this.subscriptions) all.push(...sub.entries);
    const plan = planNextTick(all, this.clock.now());
    if (plan?.atMs === this.armedFor && this.handle !== undefined) return;
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = undefined;
    if (plan === null) return;
    this.armedFor = plan.atMs;
    this.handle = this.timer.setTimeout(() => this.fire(), Math.max(0, plan.atMs - this.clock.now()));
  }

  private fire(): void {
    this.handle = undefined;
    this.armedFor = undefined;
    const nowMs = this.clock.now();
    const errors: unknown[] = [];
    for (const sub of [...this.subscriptions]) {
      const due: string[] = [];
      for (const e of sub.entries) {
        const step = timeStep(nowMs, e.period);
        if (sub.lastStep.get(e.id) !== step) {
          sub.lastStep.set(e.id, step);
          due.push(e.id);
        }
      }
      if (due.length === 0) continue;
      try {
        sub.onBatch({ nowMs, initial: false, items: this.compute(due, nowMs) });
      } catch (error) {
        errors.push(error);
      }
    }
    // A timer that fires a little early finds nothing due and simply re-arms for the same boundary.
    this.arm();
    for (const error of errors) {
      if (this.onError) this.onError(error);
      else throw error;
    }
  }
}
