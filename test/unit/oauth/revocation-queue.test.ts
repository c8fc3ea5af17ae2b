import { describe, expect, it } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import { type QueuedRevocation, RevocationQueue, type RevocationResult } from '../../../main/core/oauth';

describe('RevocationQueue', () => {
  function setup(answers: (RevocationResult | LatchError)[]) {
    let now = 0;
    const calls: string[] = [];
    const snapshots: QueuedRevocation<string>[][] = [];
    const queue = new RevocationQueue<string>({
      clock: { now: () => now },
      revoke: async (job) => {
        calls.push(job);
        const a = answers.shift() ?? { status: 'revoked' };
        if (a instanceof LatchError) throw a;
        return a;
      },
      onChange: (items) => snapshots.push(items),
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      maxAttempts: 4,
    });
    return { queue, calls, snapshots, tick: (ms: number) => (now += ms) };
  }

  it('enqueue never touches the network; runDue revokes and forgets', async () => {
    const { queue, calls, snapshots } = setup([{ status: 'revoked' }]);
    queue.enqueue('token-1');
    expect(calls).toEqual([]);
    expect(queue.size).toBe(1);
    expect(snapshots.at(-1)).toHaveLength(1);
    const out = await queue.runDue();
    expect(out.map((o) => o.outcome)).toEqual(['revoked']);
    expect(queue.size).toBe(0);
    expect(snapshots.at(-1)).toEqual([]);
  });

  it('retries a 503 later with backoff, honouring Retry-After', async () => {
    const { queue, calls, tick } = setup([
      { status: 'retry', reason: 'http_503' },
      { status: 'retry', reason: 'http_503', retryAfterMs: 10_000 },
      { status: 'revoked' },
    ]);
    queue.enqueue('t');
    await queue.runDue();
    expect(queue.nextDueAt()).toBe(1000);
    tick(999);
    await queue.runDue();
    expect(calls).toHaveLength(1);
    tick(1);
    await queue.runDue();
    expect(calls).toHaveLength(2);
    expect(queue.nextDueAt()).toBe(11_000);
    tick(10_000);
    const out = await queue.runDue();
    expect(out.map((o) => o.outcome)).toEqual(['revoked']);
    expect(queue.size).toBe(0);
  });

  it('drops a job the server refuses for good, and gives up after maxAttempts', async () => {
    const refused = new LatchError('ERR_OAUTH', 'refused', { detail: { error: 'invalid_client' } });
    const { queue, tick } = setup([
      refused,
      ...Array.from({ length: 4 }, () => ({ status: 'retry', reason: 'http_503' }) as const),
    ]);
    queue.enqueue('a');
    const first = await queue.runDue();
    expect(first[0]).toMatchObject({ outcome: 'dropped' });
    queue.enqueue('b');
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(...(await queue.runDue()).map((o) => o.outcome));
      tick(120_000);
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'dropped']);
    expect(queue.size).toBe(0);
  });

  it('round-trips through a snapshot (persistence is the caller’s)', async () => {
    const { queue } = setup([]);
    queue.enqueue('x', 'id-1');
    const copy = JSON.parse(JSON.stringify(queue.snapshot())) as QueuedRevocation<string>[];
    const { queue: other, calls } = setup([]);
    other.restore(copy);
    await other.runDue();
    expect(calls).toEqual(['x']);
  });
});
