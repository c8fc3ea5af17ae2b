/**
 * Client-side rate limits and remembered Retry-After answers, kept in the vault so that every
 * Latch process (the app, each `latch request`) sees them. Each send and each block is a record
 * of its own, written once: when two processes save at the same time, the loser reloads and its
 * own new records are re-applied on top of the winner's, so nothing is lost and nothing needs a
 * merge. The limits set per credential live in one small record per service.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RecordVault } from '../credentials/record-vault';
import { isLatchError, LatchError } from '../model/errors';
import { type RateBlock, RateLimit } from '../model/rate-limit';
import type { JsonValue } from '../vault/types';
import { asOnlyWriter } from '../vault/writer-turns';

export const POLICY_PREFIX = 'rlp_';
export const SEND_PREFIX = 'rls_';
export const BLOCK_PREFIX = 'rlb_';
/** A Retry-After longer than this is capped: a hostile or broken server cannot silence an API for ever. */
export const MAX_BLOCK_MS = 24 * 3_600_000;
/** Whole service: the limit that applies to credentials without one of their own. */
export const SERVICE_KEY = '*';

export interface LimitVault extends RecordVault {
  /** Re-reads the file after another process saved; OpenVault has it, in-memory stand-ins need not. */
  reload?(): Promise<unknown>;
  /** Changes on every save and reload (OpenVault); lets a reader cache what it found in the index. */
  readonly revision?: number;
}

const Policies = z.object({ v: z.literal(1), limits: z.record(z.string(), RateLimit) });
const SendEntry = z.object({ type: z.literal('rate-send'), serviceId: z.string(), key: z.string(), at: z.number() });
const BlockEntry = z.object({
  type: z.literal('rate-block'),
  serviceId: z.string(),
  credentialId: z.string().nullable(),
  endpoint: z.string(),
  until: z.number(),
});

const newId = (prefix: string, serviceId: string) => `${prefix}${serviceId}_${randomBytes(6).toString('base64url')}`;

export interface ServiceLimits {
  limits: Map<string, RateLimit>;
  blocks: RateBlock[];
  /** Shared sends per key (credential id or SERVICE_KEY), ascending, with their record ids. */
  sends: Map<string, { at: number; id: string }[]>;
}

export class LimitRecords {
  constructor(private readonly vault: LimitVault) {}

  async limits(serviceId: string): Promise<Map<string, RateLimit>> {
    const id = `${POLICY_PREFIX}${serviceId}`;
    if (!this.vault.entries().has(id)) return new Map();
    const parsed = Policies.safeParse(await this.vault.readRecord(id));
    return parsed.success ? new Map(Object.entries(parsed.data.limits)) : new Map();
  }

  /**
   * Changes whenever the index may hold other rate records: a save or reload (revision) or a record
   * added or deleted in memory (size). Lets the gate skip the index scan on every send.
   */
  stamp(): string {
    return `${this.vault.revision ?? 0}:${this.vault.entries().size}`;
  }

  /** The blocks on record for a service: index entries only, nothing decrypted. */
  blocks(serviceId: string): RateBlock[] {
    const out: RateBlock[] = [];
    const prefix = `${BLOCK_PREFIX}${serviceId}_`;
    for (const [id, raw] of this.vault.entries()) {
      if (!id.startsWith(prefix)) continue;
      const e = BlockEntry.safeParse(raw);
      if (e.success) out.push({ credentialId: e.data.credentialId, endpoint: e.data.endpoint, until: e.data.until });
    }
    return out;
  }

  /** Everything about one service: one pass over the index, one record read. */
  async read(serviceId: string): Promise<ServiceLimits> {
    const blocks: RateBlock[] = [];
    const sends = new Map<string, { at: number; id: string }[]>();
    const sendPrefix = `${SEND_PREFIX}${serviceId}_`;
    const blockPrefix = `${BLOCK_PREFIX}${serviceId}_`;
    for (const [id, raw] of this.vault.entries()) {
      if (id.startsWith(sendPrefix)) {
        const e = SendEntry.safeParse(raw);
        if (!e.success) continue;
        const list = sends.get(e.data.key) ?? [];
        list.push({ at: e.data.at, id });
        sends.set(e.data.key, list);
      } else if (id.startsWith(blockPrefix)) {
        const e = BlockEntry.safeParse(raw);
        if (e.success)
          blocks.push({ credentialId: e.data.credentialId, endpoint: e.data.endpoint, until: e.data.until });
      }
    }
    for (const list of sends.values()) list.sort((a, b) => a.at - b.at);
    return { limits: await this.limits(serviceId), blocks, sends };
  }

  setLimit(serviceId: string, credentialId: string | null, limit: RateLimit | null): Promise<void> {
    return asOnlyWriter(this.vault, async () => {
      const limits = Object.fromEntries(await this.limits(serviceId));
      const key = credentialId ?? SERVICE_KEY;
      if (limit) limits[key] = RateLimit.parse(limit);
      else delete limits[key];
      const id = `${POLICY_PREFIX}${serviceId}`;
      await this.commit(() => {
        if (Object.keys(limits).length === 0) this.vault.deleteRecord(id);
        else this.vault.putRecord(id, { type: 'rate-policy', serviceId }, { v: 1, limits } as unknown as JsonValue);
      });
    });
  }

  addSend(serviceId: string, key: string, at: number): string {
    const id = newId(SEND_PREFIX, serviceId);
    this.vault.putRecord(id, { type: 'rate-send', serviceId, key, at }, {});
    return id;
  }

  addBlock(serviceId: string, block: RateBlock): void {
    this.vault.putRecord(newId(BLOCK_PREFIX, serviceId), { type: 'rate-block', serviceId, ...block }, {});
  }

  drop(id: string): void {
    this.vault.deleteRecord(id);
  }

  /** Deletes sends older than `keepMs` and blocks already over. */
  prune(serviceId: string, now: number, keepMs: number): void {
    for (const [id, raw] of [...this.vault.entries()]) {
      if (id.startsWith(`${SEND_PREFIX}${serviceId}_`)) {
        const e = SendEntry.safeParse(raw);
        if (!e.success || e.data.at < now - keepMs) this.vault.deleteRecord(id);
      } else if (id.startsWith(`${BLOCK_PREFIX}${serviceId}_`)) {
        const e = BlockEntry.safeParse(raw);
        if (!e.success || e.data.until <= now) this.vault.deleteRecord(id);
      }
    }
  }

  /** Removes every block of the service (the user chose to send anyway). */
  clearBlocks(serviceId: string): void {
    for (const id of [...this.vault.entries().keys()])
      if (id.startsWith(`${BLOCK_PREFIX}${serviceId}_`)) this.vault.deleteRecord(id);
  }

  /** A service is deleted: its limits go with it. */
  forget(serviceId: string): void {
    for (const id of [...this.vault.entries().keys()])
      if (
        [POLICY_PREFIX, SEND_PREFIX, BLOCK_PREFIX].some(
          (p) => id === `${p}${serviceId}` || id.startsWith(`${p}${serviceId}_`),
        )
      )
        this.vault.deleteRecord(id);
  }

  /**
   * Applies `change` (addSend, addBlock, drop, prune, clearBlocks) and saves, as the vault's only writer in
   * this process: a batch awaiting meanwhile neither has its half saved by this save nor takes these records
   * back with its rollback. When another process saved first, reloads (this process's new records are
   * re-applied) and says so, so that the caller decides again with everyone's records in view.
   */
  commit(change: () => void = () => undefined): Promise<'saved' | 'reloaded'> {
    return asOnlyWriter(this.vault, () => {
      change();
      return this.saveOrReload();
    });
  }

  private async saveOrReload(): Promise<'saved' | 'reloaded'> {
    for (let busy = 0; ; busy++) {
      try {
        await this.vault.save();
        return 'saved';
      } catch (e) {
        // Another process holds the file lock: wait a little, at random so that waiters spread out.
        if (isLatchError(e) && e.code === 'ERR_VAULT_BUSY' && busy < 100) {
          await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 80)));
          continue;
        }
        if (!(isLatchError(e) && e.code === 'ERR_VAULT_CHANGED_ON_DISK' && this.vault.reload)) throw e;
        await this.vault.reload();
        return 'reloaded';
      }
    }
  }
}

export const rateLimited = (until: number, why: string) =>
  new LatchError(
    'ERR_RATE_LIMITED',
    `${why} until ${new Date(until).toISOString()}; try again then, or clear it on the service page.`,
    {
      detail: { until },
    },
  );
