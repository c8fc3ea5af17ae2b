import type { Change } from './change-journal';
import type { Row } from './record-store';

/**
 * A point an open vault's unsaved record changes can be taken back to: what is one change for the user
 * (a batch of writes) and is refused partway must leave nothing applied, in memory or in the next save.
 * It undoes; it does not exclude: other writers of the process are kept out by the writer turn the batch
 * holds (writer-turns.ts), and the two meet only in ServiceStore.inOneSave.
 */
export interface Checkpoint {
  /** Puts every record changed since the checkpoint back as it was, with its unsaved-change mark. */
  rollback(): void;
  /** Ends it without rolling back (the change is done, or was handed to a save). */
  release(): void;
}

/** A record as it was before its first change since the checkpoint (undefined: it did not exist / was unchanged). */
export interface Before {
  row: Row | undefined;
  change: Change | undefined;
}

/**
 * The undo side of a checkpoint: the first state of each record it saw change. A pending body is copied,
 * since the store zeroes a replaced row's body. Once a save or a reload has run, the log is spent: the
 * rows it holds no longer describe the vault's base, and a change handed to a save is the holder's to
 * settle (kept behind the save-failed banner, or on disk).
 */
export class UndoLog {
  readonly before = new Map<string, Before>();
  spent = false;

  note(id: string, row: Row | undefined, change: Change | undefined): void {
    if (this.spent || this.before.has(id)) return;
    this.before.set(id, {
      row: row && { ...row, body: row.body ? row.body.slice() : null },
      change: change && { ...change },
    });
  }

  /** Zeroes the copied bodies the log holds (they are secrets). */
  wipe(): void {
    for (const b of this.before.values()) b.row?.body?.fill(0);
    this.before.clear();
  }
}
