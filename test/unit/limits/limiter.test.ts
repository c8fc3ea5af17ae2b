import { describe, expect, it } from 'vitest';
import { createPoliteGate, LimitRecords, nextSlot } from '../../../main/core/limits';
import { RATE_PRESETS, type RateLimit } from '../../../main/core/model/rate-limit';
import { MemoryRecordVault } from '../credentials/memory-record-vault';

/** Sends `n` requests as fast as the limiter lets them, on a fake clock; returns the send times. */
function drive(limit: RateLimit, n: number, start = 1_000_000): number[] {
  const times: number[] = [];
  const sent: number[] = [];
  let now = start;
  for (let i = 0; i < n; i++) {
    const at = nextSlot(times, limit, now);
    times.push(at);
    sent.push(at);
    now = at + (i % 3); // the caller is sometimes a little late, never early
  }
  return sent;
}

/** The most sends in any window of the limit's length. */
function busiestWindow(sent: readonly number[], limit: RateLimit): number {
  let most = 0;
  for (const t of sent) most = Math.max(most, sent.filter((s) => s >= t && s < t + limit.perSeconds * 1000).length);
  return most;
}

describe('the rate limiter', () => {
  for (const [name, limit] of [...Object.entries(RATE_PRESETS), ['custom', { requests: 7, perSeconds: 60 }] as const])
    it(`never exceeds ${name} (${limit.requests} per ${limit.perSeconds} s)`, () => {
      const sent = drive(limit, 50);
      expect(busiestWindow(sent, limit)).toBe(limit.requests);
      // ...and does not wait longer than it must: the first `requests` go at once.
      expect(sent.slice(0, limit.requests).every((t) => t < 1_000_000 + limit.requests * 3)).toBe(true);
    });

  it('the tester-facing gate: premium sends 10 at once, the 11th waits for the window', async () => {
    let now = 5_000_000;
    const vault = new MemoryRecordVault();
    const records = () => new LimitRecords(vault);
    await records().setLimit('svc', 'cred', RATE_PRESETS.premium);
    const gate = createPoliteGate({ records, clock: { now: () => now }, shareSends: false });
    const t = { serviceId: 'svc', credentialId: 'cred', url: 'https://api.example.com/items?page=1' };
    for (let i = 0; i < 10; i++) expect((await gate.admit(t, 60_000)).waitMs).toBe(0);
    now += 400;
    expect(await gate.admit(t, 60_000)).toEqual({ waitMs: 600, reason: 'the rate limit (10 per 1 s)' });
    // Another credential of the same service has no limit of its own and no service-wide one.
    expect((await gate.admit({ ...t, credentialId: 'other' }, 60_000)).waitMs).toBe(0);
    await expect(gate.admit(t, 100)).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
  });

  it('remembers a Retry-After (seconds or HTTP date) per endpoint and credential, capped at a day', async () => {
    let now = Date.parse('2026-12-01T14:03:00Z');
    const vault = new MemoryRecordVault();
    const records = () => new LimitRecords(vault);
    const gate = createPoliteGate({ records, clock: { now: () => now }, shareSends: false });
    const t = { serviceId: 'svc', credentialId: 'cred', url: 'https://api.example.com/items?page=2' };
    await gate.observe(t, 429, [{ name: 'Retry-After', value: '10' }]);
    expect((await gate.state('svc')).blocked).toEqual([
      { credentialId: 'cred', endpoint: 'https://api.example.com/items', until: now + 10_000 },
    ]);
    expect(await gate.admit({ ...t, url: 'https://api.example.com/items?page=3' }, 60_000)).toEqual({
      waitMs: 10_000,
      reason: 'Retry-After from the server',
    });
    expect((await gate.admit({ ...t, url: 'https://api.example.com/other' }, 60_000)).waitMs).toBe(0);
    expect((await gate.admit({ ...t, credentialId: 'b' }, 60_000)).waitMs).toBe(0);
    now += 10_000;
    expect((await gate.admit(t, 60_000)).waitMs).toBe(0);
    await gate.observe(t, 503, [{ name: 'Retry-After', value: new Date(now + 5000).toUTCString() }]);
    expect((await gate.admit(t, 60_000)).waitMs).toBe(5000);
    await gate.observe(t, 429, [{ name: 'Retry-After', value: '99999999' }]);
    expect((await gate.state('svc')).blocked[0]?.until).toBe(now + 24 * 3_600_000);
    await gate.observe(t, 200, [{ name: 'Retry-After', value: '50' }]);
    expect((await gate.state('svc')).blocked.length).toBe(2);
  });

  it('shared sends live in the vault: a second gate (another process) keeps to the same rate', async () => {
    let now = 9_000_000;
    const vault = new MemoryRecordVault();
    const records = () => new LimitRecords(vault);
    await records().setLimit('svc', null, RATE_PRESETS.standard);
    const clock = { now: () => now };
    const a = createPoliteGate({ records, clock, shareSends: true });
    const b = createPoliteGate({ records, clock, shareSends: true });
    const t = { serviceId: 'svc', credentialId: 'cred', url: 'https://api.example.com/x' };
    // Each slot is set 100 ms ahead, so that the vault is saved before it comes; between processes the window is 1.3 s.
    expect((await a.admit(t, 60_000)).waitMs).toBe(100);
    expect((await b.admit(t, 60_000)).waitMs).toBe(1400);
    expect((await a.admit(t, 60_000)).waitMs).toBe(2700);
    now += 10_000;
    expect((await b.admit(t, 60_000)).waitMs).toBe(100);
    // Old sends are pruned rather than piling up in the vault.
    expect([...vault.entries().keys()].filter((k) => k.startsWith('rls_')).length).toBeLessThanOrEqual(2);
  });
});
