import type { Clock } from '../../../../main/core/platform';
import type { Timer, TimerHandle } from '../../../../main/core/totp';

/** A clock and timer that only move when the test says so. */
export class FakeTime implements Clock, Timer {
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  constructor(public nowMs: number) {}

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + ms, callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Runs due timers in order, moving the clock to each one's time, and ends at `targetMs`. */
  advanceTo(targetMs: number): void {
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= targetMs && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.nowMs = Math.max(this.nowMs, next[1].at);
      next[1].callback();
    }
    this.nowMs = targetMs;
  }

  /** Fires every pending timer now, whatever its time: a timer that fires early or late. */
  fireAllNow(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const t of due) t.callback();
  }
}
