import { AsyncLocalStorage } from 'node:async_hooks';

/** One writer's turn: ended once its work settles, so work it started and left running no longer counts as it. */
interface Turn {
  readonly turns: WriterTurns;
  ended: boolean;
}

/** The turns the current async call chain holds (so a writer's own nested writes do not wait for itself). */
const holding = new AsyncLocalStorage<readonly Turn[]>();

/**
 * One writer at a time on one open vault, within a process. A batch of writes awaits between them (it reads
 * a record before each write), and a save writes every unsaved change: without turns another writer's save
 * (the app's background OAuth renewal during a file import) would save half of the batch, beyond the reach
 * of its rollback, and a second batch's rollback could take back the first's writes. Re-entrant: what runs
 * inside a turn (a batch's own writes, through any store on the same vault) runs at once.
 *
 * A turn must not await work that needs the turn from another call chain (a shared promise, a queue of its
 * own): that work waits for the turn to end, and the turn for it. So a turn covers a read, its writes and the
 * save, never a network request or a wait for another process's renewal.
 */
export class WriterTurns {
  #last: Promise<unknown> = Promise.resolve();

  /** Whether the calling async chain is inside a turn of these turns that has not ended. */
  get #held(): boolean {
    return holding.getStore()?.some((t) => t.turns === this && !t.ended) ?? false;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#held) return fn();
    const outer = (holding.getStore() ?? []).filter((t) => !t.ended);
    const turn: Turn = { turns: this, ended: false };
    const run = this.#last
      .then(() => holding.run([...outer, turn], fn))
      .finally(() => {
        turn.ended = true;
      });
    // The next writer waits for this one to end, however it ends.
    this.#last = run.catch(() => undefined);
    return run;
  }
}

/** Something that may offer writer turns (an OpenVault, a store over one); without them there is no other writer. */
export interface MaybeTurns {
  writerTurn?<T>(fn: () => Promise<T>): Promise<T>;
}

/** Runs fn as the only writer on `vault` in this process when it has turns; the one way every store takes them. */
export function asOnlyWriter<T>(vault: MaybeTurns, fn: () => Promise<T>): Promise<T> {
  return vault.writerTurn ? vault.writerTurn(fn) : fn();
}
