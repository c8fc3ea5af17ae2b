/**
 * Live codes screen cost: 500 TOTP codes (half 30 s, half 60 s) driven by the TotpTicker on a fake
 * clock for 60 simulated seconds, computing real codes (current + next) at every boundary.
 * CPU is measured with process.cpuUsage over the boundary work only (the initial batch on
 * subscribe is a one-off and excluded). Run: npx tsx bench/totp.bench.ts
 */
import type { Clock } from '../main/core/platform';
import {
  generateSecret,
  type LiveCodeItem,
  liveCodeBatch,
  type OtpSpec,
  type TickEntry,
  type Timer,
  type TimerHandle,
  TotpTicker,
} from '../main/core/totp';

const CODES = 500;
const SIMULATED_SECONDS = 60;
const ROUNDS = 5;

class FakeTime implements Clock, Timer {
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  constructor(public nowMs: number) {}
  now(): number {
    return this.nowMs;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    this.timers.set(this.nextId, { at: this.nowMs + ms, callback });
    return this.nextId++;
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }
  advanceTo(targetMs: number): void {
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= targetMs && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.nowMs = next[1].at;
      next[1].callback();
    }
    this.nowMs = targetMs;
  }
}

const algorithms = ['SHA1', 'SHA1', 'SHA1', 'SHA256', 'SHA512'] as const;
const specs = new Map<string, OtpSpec>();
const entries: TickEntry[] = [];
for (let i = 0; i < CODES; i++) {
  const period = i % 2 === 0 ? 30 : 60;
  specs.set(`c${i}`, {
    secret: generateSecret(),
    type: 'totp',
    algorithm: algorithms[i % algorithms.length]!,
    digits: i % 7 === 0 ? 8 : 6,
    period,
    counter: 0,
  });
  entries.push({ id: `c${i}`, period });
}

function round(startMs: number): { cpuMs: number; messages: number; codes: number } {
  const time = new FakeTime(startMs);
  let items = 0;
  const ticker = new TotpTicker<LiveCodeItem>({
    clock: time,
    timer: time,
    compute: (ids, nowMs) => liveCodeBatch((id) => specs.get(id), ids, nowMs),
  });
  let messages = 0;
  let measuring = false;
  ticker.subscribe(entries, (batch) => {
    if (!measuring) return;
    messages++;
    items += batch.items.length;
  });
  measuring = true;
  const before = process.cpuUsage();
  time.advanceTo(startMs + SIMULATED_SECONDS * 1000);
  const used = process.cpuUsage(before);
  ticker.dispose();
  // Each item is two codes: the current one and the next one shown near the end of the window.
  return { cpuMs: (used.user + used.system) / 1000, messages, codes: items * 2 };
}

round(1_700_000_007_000); // warm-up: JIT, noble's tables
let cpuMs = 0;
let messages = 0;
let codes = 0;
for (let r = 0; r < ROUNDS; r++) {
  const result = round(1_700_000_007_000 + r * 3_600_000 + r * 1_234);
  cpuMs += result.cpuMs;
  messages += result.messages;
  codes += result.codes;
}
const simulated = ROUNDS * SIMULATED_SECONDS;
const cpuPerSecond = cpuMs / simulated;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));
console.log(`totp_cpu_per_second: ${fmt(cpuPerSecond)} ms`);
console.log(`totp_cpu_percent_of_core: ${fmt((cpuPerSecond / 1000) * 100)} %`);
console.log(`totp_bridge_messages_per_second: ${fmt(messages / simulated)} msg/s`);
console.log(`totp_codes_per_ms: ${fmt(codes / cpuMs)} codes/ms`);
