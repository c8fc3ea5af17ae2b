/**
 * Request history and saved requests, one encrypted vault record per service
 * (`req_<serviceId>`, or `req_none` for unsigned requests). The index entry holds only
 * counts, so nothing about the requests is readable before the record is decrypted.
 * Bounded: the last HISTORY_LIMIT sends per service, bodies cut at BODY_LIMIT bytes.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RecordVault } from '../credentials/record-vault';
import { LatchError } from '../model/errors';
import type { JsonValue } from '../vault/types';
import { asOnlyWriter } from '../vault/writer-turns';

export const REQUEST_RECORD_PREFIX = 'req_';
export const HISTORY_LIMIT = 50;
export const SAVED_LIMIT = 200;
export const BODY_LIMIT = 64 * 1024;

/** Entries are validated by whoever reads them (the contract); here they are opaque objects with an id. */
const Item = z.object({ id: z.string() }).passthrough();
type Item = z.infer<typeof Item>;

const RequestsBody = z.object({
  v: z.literal(1),
  serviceId: z.string().nullable(),
  history: z.array(Item),
  saved: z.array(Item),
});
type RequestsBody = z.infer<typeof RequestsBody>;

export const RequestsEntry = z.object({
  type: z.literal('request-history'),
  serviceId: z.string().nullable(),
  count: z.number(),
  saved: z.number(),
});

export function requestRecordId(serviceId: string | null): string {
  return `${REQUEST_RECORD_PREFIX}${serviceId ?? 'none'}`;
}

export const newRequestItemId = (prefix: 'h_' | 's_') => `${prefix}${randomBytes(9).toString('base64url')}`;

/** Cuts a UTF-8 string to at most `limit` bytes without splitting a character. */
export function cutUtf8(text: string, limit = BODY_LIMIT): { text: string; cut: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return { text, cut: false };
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), cut: true };
}

export class RequestRecords {
  constructor(private readonly vault: RecordVault) {}

  private async read(serviceId: string | null): Promise<RequestsBody> {
    const id = requestRecordId(serviceId);
    if (!this.vault.entries().has(id)) return { v: 1, serviceId, history: [], saved: [] };
    const parsed = RequestsBody.safeParse(await this.vault.readRecord(id));
    if (!parsed.success)
      throw new LatchError('ERR_VAULT_CORRUPT', 'The request history record could not be read; clear the history.');
    return parsed.data;
  }

  private async write(body: RequestsBody): Promise<void> {
    const id = requestRecordId(body.serviceId);
    if (body.history.length === 0 && body.saved.length === 0) {
      if (this.vault.deleteRecord(id)) await this.vault.save();
      return;
    }
    this.vault.putRecord(
      id,
      { type: 'request-history', serviceId: body.serviceId, count: body.history.length, saved: body.saved.length },
      body as unknown as JsonValue,
    );
    await this.vault.save();
  }

  /** Newest first. */
  async history(serviceId: string | null): Promise<Item[]> {
    return (await this.read(serviceId)).history;
  }

  async saved(serviceId: string | null): Promise<Item[]> {
    return (await this.read(serviceId)).saved;
  }

  /**
   * Reads a service's record, changes it and saves, as the vault's only writer: a batch awaiting meanwhile
   * is neither saved half-done by this save nor rolls this change back with its own.
   */
  private change(serviceId: string | null, fn: (body: RequestsBody) => void): Promise<void> {
    return asOnlyWriter(this.vault, async () => {
      const body = await this.read(serviceId);
      fn(body);
      await this.write(body);
    });
  }

  addHistory(serviceId: string | null, item: Item): Promise<void> {
    return this.change(serviceId, (body) => {
      body.history = [item, ...body.history].slice(0, HISTORY_LIMIT);
    });
  }

  clearHistory(serviceId: string | null): Promise<void> {
    return this.change(serviceId, (body) => {
      body.history = [];
    });
  }

  save(serviceId: string | null, item: Item): Promise<void> {
    return this.change(serviceId, (body) => {
      if (body.saved.length >= SAVED_LIMIT)
        throw new LatchError(
          'ERR_BAD_INPUT',
          `A service keeps at most ${SAVED_LIMIT} saved requests; delete some first.`,
          { detail: { field: 'name' } },
        );
      body.saved = [item, ...body.saved.filter((s) => s.id !== item.id)];
    });
  }

  deleteSaved(serviceId: string | null, id: string): Promise<void> {
    return this.change(serviceId, (body) => {
      const next = body.saved.filter((s) => s.id !== id);
      if (next.length === body.saved.length)
        throw new LatchError('ERR_NOT_FOUND', 'That saved request is not there (it may have been deleted).');
      body.saved = next;
    });
  }

  /** When a service is deleted its requests go with it. */
  forget(serviceId: string): Promise<void> {
    return asOnlyWriter(this.vault, async () => {
      if (this.vault.deleteRecord(requestRecordId(serviceId))) await this.vault.save();
    });
  }

  /** Drops the requests of services that are gone (deleted here or by another process); returns how many. */
  pruneOrphans(serviceExists: (serviceId: string) => boolean): Promise<number> {
    return asOnlyWriter(this.vault, async () => {
      let dropped = 0;
      for (const [id, raw] of [...this.vault.entries()]) {
        if (!id.startsWith(REQUEST_RECORD_PREFIX)) continue;
        const entry = RequestsEntry.safeParse(raw);
        if (!entry.success || entry.data.serviceId === null || serviceExists(entry.data.serviceId)) continue;
        this.vault.deleteRecord(id);
        dropped++;
      }
      if (dropped > 0) await this.vault.save();
      return dropped;
    });
  }
}
