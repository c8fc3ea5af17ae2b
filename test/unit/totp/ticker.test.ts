import { describe, expect, it } from 'vitest';
import { liveCodeBatch, type OtpSpec, planNextTick, type TickBatch, TotpTicker } from '../../../main/core/totp';
import { FakeTime } from './helpers/fake-time';

type Item = { id: string; at: number };
const compute = (ids: string[], nowMs: number): Item[] => ids.map((id) => ({ id, at: nowMs }));

describe('planNextTick', () => {
  it('finds the earliest boundary and every code that rolls there', () => {
    const entries = [
      { id: 'a', period: 30 },
      { id: 'b', period: 60 },
      { id: 'c', period: 45 },
      { id: 'd', period: 30 },
    ];
    expect(planNextTick(entries, 100_000)).toEqual({ atMs: 120_000, ids: ['a', 'b', 'd'] });
    expect(planNextTick(entries, 120_000)).toEqual({ atMs: 135_000, ids: ['c'] });
    expect(planNextTick(entries, 135_000)).toEqual({ atMs: 150_000, ids: ['a', 'd'] });
    expect(planNextTick([], 0)).toBeNull();
  });
});

describe('TotpTicker', () => {
  const entries = [
    { id: 'a', period: 30 },
    { id: 'b', period: 30 },
    { id: 'm', period: 60 },
  ];

  it('sends the current codes at once, then one batch per boundary with only the codes that rolled', () => {
    const time = new FakeTime(1_005_000);
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    const batches: TickBatch<Item>[] = [];
    ticker.subscribe(entries, (b) => batches.push(b));
    time.advanceTo(1_125_000);

    expect(batches.map((b) => [b.nowMs, b.initial, b.items.map((i) => i.id)])).toEqual([
      [1_005_000, true, ['a', 'b', 'm']],
      [1_020_000, false, ['a', 'b', 'm']],
      [1_050_000, false, ['a', 'b']],
      [1_080_000, false, ['a', 'b', 'm']],
      [1_110_000, false, ['a', 'b']],
    ]);
    expect(time.pending).toBe(1);
  });

  it('never sends more than one batch per boundary, across many periods', () => {
    const time = new FakeTime(0);
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, period: [30, 60, 15, 45][i % 4]! }));
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    const at: number[] = [];
    ticker.subscribe(many, (b) => at.push(b.nowMs));
    time.advanceTo(600_000);
    expect(new Set(at).size).toBe(at.length);
    // Boundaries in (0, 600 s]: multiples of 15 s and of 45 s (union), plus the initial batch.
    const boundaries = new Set<number>();
    for (let t = 15; t <= 600; t += 15) boundaries.add(t);
    expect(at.length).toBe(1 + boundaries.size);
  });

  it('stops and clears its timer on unsubscribe', () => {
    const time = new FakeTime(1_005_000);
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    let count = 0;
    const unsubscribe = ticker.subscribe(entries, () => count++);
    unsubscribe();
    expect(time.pending).toBe(0);
    time.advanceTo(2_000_000);
    expect(count).toBe(1);
  });

  it('serves two subscribers from one timer, one batch each per boundary', () => {
    const time = new FakeTime(1_005_000);
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    const one: string[][] = [];
    const two: string[][] = [];
    ticker.subscribe([{ id: 'a', period: 30 }], (b) => one.push(b.items.map((i) => i.id)));
    ticker.subscribe([{ id: 'm', period: 60 }], (b) => two.push(b.items.map((i) => i.id)));
    expect(time.pending).toBe(1);
    time.advanceTo(1_080_000);
    expect(one).toEqual([['a'], ['a'], ['a'], ['a']]);
    expect(two).toEqual([['m'], ['m'], ['m']]);
  });

  it('after a suspend (clock jumped, timer late) sends each changed code once', () => {
    const time = new FakeTime(1_005_000);
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    const batches: TickBatch<Item>[] = [];
    ticker.subscribe(entries, (b) => batches.push(b));
    time.nowMs = 1_605_000;
    time.fireAllNow();
    expect(batches.slice(1).map((b) => [b.nowMs, b.items.map((i) => i.id)])).toEqual([[1_605_000, ['a', 'b', 'm']]]);
    expect(time.pending).toBe(1);
  });

  it('a timer firing early sends nothing and re-arms for the same boundary', () => {
    const time = new FakeTime(1_005_000);
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute });
    const batches: TickBatch<Item>[] = [];
    ticker.subscribe(entries, (b) => batches.push(b));
    time.nowMs = 1_019_995;
    time.fireAllNow();
    expect(batches).toHaveLength(1);
    time.advanceTo(1_020_000);
    expect(batches).toHaveLength(2);
  });

  it('keeps ticking when a subscriber throws, reporting through onError', () => {
    const time = new FakeTime(1_005_000);
    const errors: unknown[] = [];
    const ticker = new TotpTicker<Item>({ clock: time, timer: time, compute, onError: (e) => errors.push(e) });
    let calls = 0;
    ticker.subscribe(entries, (b) => {
      calls++;
      if (!b.initial) throw new Error('renderer gone');
    });
    time.advanceTo(1_080_000);
    expect(calls).toBe(4);
    expect(errors).toHaveLength(3);
    ticker.dispose();
    expect(time.pending).toBe(0);
  });

  it('drives real codes through liveCodeBatch, isolating a broken credential', () => {
    const time = new FakeTime(1111111109_000);
    const specs = new Map<string, OtpSpec>([
      [
        'rfc',
        {
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          type: 'totp',
          algorithm: 'SHA1',
          digits: 8,
          period: 30,
          counter: 0,
        },
      ],
      ['bad', { secret: 'NOT*BASE32', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }],
    ]);
    const ticker = new TotpTicker({
      clock: time,
      timer: time,
      compute: (ids, nowMs) => liveCodeBatch((id) => specs.get(id), ids, nowMs),
    });
    const batches: TickBatch<ReturnType<typeof liveCodeBatch>[number]>[] = [];
    ticker.subscribe(
      [
        { id: 'rfc', period: 30 },
        { id: 'bad', period: 30 },
        { id: 'gone', period: 30 },
      ],
      (b) => batches.push(b),
    );
    time.advanceTo(1111111111_000);
    expect(batches[0]!.items[0]).toMatchObject({ id: 'rfc', ok: true, code: '07081804', next: '14050471' });
    expect(batches[0]!.items[1]).toMatchObject({ id: 'bad', ok: false, error: { code: 'ERR_TOTP_INVALID' } });
    expect(batches[0]!.items[2]).toMatchObject({ id: 'gone', ok: false, error: { code: 'ERR_NOT_FOUND' } });
    expect(batches[1]!.items[0]).toMatchObject({ id: 'rfc', ok: true, code: '14050471', secondsRemaining: 30 });
  });
});
