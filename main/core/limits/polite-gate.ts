import { parseRetryAfter } from '../http/retry';
import { getHeader, type Header } from '../http/wire';
import type { RateBlock, RateLimit, RateLimitState } from '../model/rate-limit';
import type { Clock } from '../platform';
import { type LimitRecords, MAX_BLOCK_MS, rateLimited, SERVICE_KEY } from './limit-records';
import { nextSlot, pruneTimes } from './send-slot';

export interface GateTarget {
  serviceId: string;
  credentialId: string | null;
  url: string;
}

export interface Admission {
  /** How long to wait before sending; 0 to send now. */
  waitMs: number;
  /** Why, for the tester and --verbose: "the rate limit (1 per 1 s)", "Retry-After from the server". */
  reason: string | null;
}

export interface PoliteGate {
  /** Decides when the request may go and reserves that moment; ERR_RATE_LIMITED when it is further off than maxWaitMs. */
  admit(target: GateTarget, maxWaitMs: number): Promise<Admission>;
  /** Remembers a Retry-After on a 429 or 503, for every process that uses the vault. */
  observe(target: GateTarget, status: number, headers: readonly Header[]): Promise<void>;
  state(serviceId: string): Promise<RateLimitState>;
  /** Forgets cached limits (after the user changed one). */
  invalidate(serviceId?: string): void;
}

export interface GateOptions {
  records: () => LimitRecords;
  clock: Clock;
  /**
   * true: sends are recorded in the vault so that separate processes (each `latch request`) share
   * the rate. false: the one long-lived process (the app) keeps them in memory, at no save cost.
   */
  shareSends: boolean;
}

export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/**
 * Between processes the window is widened by 30 % (at most 1 s): a process granted a slot reaches
 * the wire some time after it (a loaded machine, a cold start), and the server counts arrivals.
 */
export function sharedWindow(limit: RateLimit): RateLimit {
  const widened = Math.min(limit.perSeconds * 1000 * 1.3, limit.perSeconds * 1000 + 1000);
  return { requests: limit.requests, perSeconds: widened / 1000 };
}

const describeLimit = (l: RateLimit) => `${l.requests} per ${l.perSeconds} s`;
const MAX_TRIES = 8;

export function createPoliteGate(o: GateOptions): PoliteGate {
  const { clock } = o;
  const memory = new Map<string, number[]>();
  // Limits change only through the settings screen; blocks are re-read when the vault changed.
  const limitsCache = new Map<string, Map<string, RateLimit>>();
  const limitsFor = async (serviceId: string) => {
    let l = limitsCache.get(serviceId);
    if (!l) {
      l = await o.records().limits(serviceId);
      limitsCache.set(serviceId, l);
    }
    return l;
  };

  /**
   * Reserves a slot in the vault. The slot is set at least `lead` ms ahead, for the save to finish
   * first; a process that misses its own slot (a slow save) gives it up and reserves a later one,
   * so that what reaches the server keeps the spacing the records promise to other processes.
   */
  // Re-read from the index whenever it changed, so a block another process saved holds here too.
  const blockCache = new Map<string, { stamp: string; blocks: RateBlock[] }>();
  const blocksFor = (serviceId: string): RateBlock[] => {
    const records = o.records();
    const stamp = records.stamp();
    const hit = blockCache.get(serviceId);
    if (hit && hit.stamp === stamp) return hit.blocks;
    const blocks = records.blocks(serviceId);
    blockCache.set(serviceId, { stamp, blocks });
    return blocks;
  };

  async function admitShared(t: GateTarget, maxWaitMs: number): Promise<Admission> {
    const records = o.records();
    const key = t.credentialId ?? SERVICE_KEY;
    const endpoint = endpointOf(t.url);
    let mine: string | null = null;
    let lead = 100;
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const now = clock.now();
      const s = await records.read(t.serviceId);
      const limit = s.limits.get(key) ?? s.limits.get(SERVICE_KEY);
      const block = latestBlock(s.blocks, t.credentialId, endpoint, now);
      let at = block?.until ?? now;
      let reason = block ? 'Retry-After from the server' : null;
      if (limit) {
        const times = (s.sends.get(key) ?? []).filter((x) => x.id !== mine).map((x) => x.at);
        const slot = nextSlot(times, sharedWindow(limit), Math.max(at, now + lead));
        if (slot > Math.max(at, now + lead)) reason = `the rate limit (${describeLimit(limit)})`;
        at = slot;
      }
      if (at - now > maxWaitMs) {
        const given = mine;
        if (given) await records.commit(() => records.drop(given));
        throw rateLimited(
          at,
          block
            ? 'The server asked not to be called again'
            : `The rate limit of ${describeLimit(limit ?? { requests: 1, perSeconds: 1 })} is used up`,
        );
      }
      if (!limit) return { waitMs: at - now, reason };
      const before = mine;
      const saved = await records.commit(() => {
        if (before) records.drop(before);
        records.prune(t.serviceId, now, limit.perSeconds * 1000 + 1000);
        mine = records.addSend(t.serviceId, key, at);
      });
      if (saved !== 'saved') continue;
      const late = clock.now() - at;
      if (late <= 10) return { waitMs: Math.max(0, at - clock.now()), reason };
      lead *= 2;
    }
    const given = mine;
    if (given) await records.commit(() => records.drop(given)).catch(() => undefined);
    throw rateLimited(clock.now(), 'Too many Latch processes are sending at once');
  }

  async function admitLocal(t: GateTarget, maxWaitMs: number): Promise<Admission> {
    const now = clock.now();
    const limits = await limitsFor(t.serviceId);
    const key = t.credentialId ?? SERVICE_KEY;
    const limit = limits.get(key) ?? limits.get(SERVICE_KEY);
    let at = now;
    let reason: string | null = null;
    const block = latestBlock(blocksFor(t.serviceId), t.credentialId, endpointOf(t.url), now);
    if (block) {
      at = block.until;
      reason = 'Retry-After from the server';
    }
    if (limit) {
      const memKey = `${t.serviceId}\u0000${key}`;
      let times = memory.get(memKey);
      if (!times) {
        times = [];
        memory.set(memKey, times);
      }
      pruneTimes(times, limit, now);
      const slot = nextSlot(times, limit, at);
      if (slot > at) reason = `the rate limit (${describeLimit(limit)})`;
      at = slot;
      if (at - now > maxWaitMs) throw rateLimited(at, `The rate limit of ${describeLimit(limit)} is used up`);
      times.push(at);
    } else if (at - now > maxWaitMs) {
      throw rateLimited(at, 'The server asked not to be called again');
    }
    return { waitMs: at - now, reason };
  }

  return {
    async admit(t, maxWaitMs) {
      return o.shareSends ? admitShared(t, maxWaitMs) : admitLocal(t, maxWaitMs);
    },
    async observe(t, status, headers) {
      if (status !== 429 && status !== 503) return;
      const now = clock.now();
      const ms = parseRetryAfter(getHeader(headers, 'retry-after'), now);
      if (ms === null || ms <= 0) return;
      const records = o.records();
      const committed = records.commit(() => {
        records.addBlock(t.serviceId, {
          credentialId: t.credentialId,
          endpoint: endpointOf(t.url),
          until: now + Math.min(ms, MAX_BLOCK_MS),
        });
        // Expired blocks go; sends are kept as long as the longest window could need them.
        records.prune(t.serviceId, now, 3_601_000);
      });
      blockCache.delete(t.serviceId);
      // A lost race only means a reload: the block is re-applied and saved on the second try.
      if ((await committed) === 'reloaded') await records.commit();
    },
    async state(serviceId) {
      const s = await o.records().read(serviceId);
      const now = clock.now();
      return {
        limits: [...s.limits].map(([k, limit]) => ({ credentialId: k === SERVICE_KEY ? null : k, limit })),
        blocked: s.blocks.filter((b) => b.until > now).sort((a, b) => b.until - a.until),
      };
    },
    invalidate(serviceId) {
      if (serviceId === undefined) {
        limitsCache.clear();
        blockCache.clear();
      } else {
        limitsCache.delete(serviceId);
        blockCache.delete(serviceId);
      }
    },
  };
}

function latestBlock(
  blocks: readonly { credentialId: string | null; endpoint: string; until: number }[],
  credentialId: string | null,
  endpoint: string,
  now: number,
) {
  let found: (typeof blocks)[number] | undefined;
  for (const b of blocks)
    if (
      b.credentialId === credentialId &&
      b.endpoint === endpoint &&
      b.until > now &&
      (!found || b.until > found.until)
    )
      found = b;
  return found;
}
