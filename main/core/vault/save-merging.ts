import { LatchError } from '../model/errors';
import type { Conflict } from './merge';
import type { OpenVault, SaveResult } from './open-vault';

export interface MergingSaveOptions {
  /** How a record is named in a conflict message ("service \"GitHub\""); default its id. */
  describe?: (id: string) => string;
  /** How long to keep trying while other writers win the race or hold the lock (default 30 s). */
  patienceMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function conflictError(conflicts: Conflict[], describe: (id: string) => string): LatchError {
  const first = conflicts[0]!;
  const what = describe(first.id);
  const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
  const how = first.reason === 'deleted-on-disk' ? 'deleted' : 'changed';
  return new LatchError(
    'ERR_CONFLICT',
    `${what}${more} was ${how} by another Latch (the app, another command or a sync tool) while this one changed it too. Nothing was saved; run the command again to apply it to the new version.`,
    { detail: { id: first.id, reason: first.reason, conflicts: conflicts.length } },
  );
}

/**
 * Saves for a writer that cannot ask its user (the command line): when another writer saved first
 * (ERR_VAULT_CHANGED_ON_DISK), it reloads, re-applies this session's changes on top (merge.ts: per
 * record, so another writer's change to a different record is kept) and saves again; while another
 * process holds the lock (ERR_VAULT_BUSY) it waits its turn. Only a record both sides changed is
 * refused (ERR_CONFLICT, naming it), and then nothing is saved.
 */
export function saveMerging(vault: OpenVault, o: MergingSaveOptions = {}): Promise<SaveResult> {
  // One turn for the saves and reloads: no other writer of this process slips in between a lost race and its reload.
  return vault.writerTurn(() => saveMergingNow(vault, o));
}

async function saveMergingNow(vault: OpenVault, o: MergingSaveOptions): Promise<SaveResult> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const describe = o.describe ?? ((id: string) => `Record "${id}"`);
  const deadline = now() + (o.patienceMs ?? 30_000);
  let lost = 0;
  for (;;) {
    try {
      return await vault.save();
    } catch (e) {
      if (!(e instanceof LatchError)) throw e;
      const raced = e.code === 'ERR_VAULT_CHANGED_ON_DISK' && e.detail?.reason !== 'different-vault';
      if (!raced && e.code !== 'ERR_VAULT_BUSY') throw e;
      if (now() >= deadline) {
        throw new LatchError(
          e.code,
          `Other Latch processes kept saving this vault for ${Math.round((o.patienceMs ?? 30_000) / 1000)} s (this one lost ${lost} times); nothing was saved. Try again.`,
          { cause: e, ...(e.detail ? { detail: e.detail } : {}) },
        );
      }
      if (!raced) {
        // Random, so that writers who wait together do not all retry together.
        await sleep(20 + Math.floor(Math.random() * 80));
        continue;
      }
      lost++;
      const { conflicts } = await vault.reload();
      if (conflicts.length > 0) throw conflictError(conflicts, describe);
    }
  }
}
