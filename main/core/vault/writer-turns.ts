import { AsyncLocalStorage } from 'node:async_hooks';

/** The turns the current async call chain holds (so a writer's own nested writes do not wait for itself). */
const holding = new AsyncLocalStorage<ReadonlySet<WriterTurns>>();

/**
 * One writer at a time on one open vault, within a process. A batch of writes awaits between them (it reads
 * a record before each write), and a save writes every unsaved change: without turns another writer's save
 * (the app's background OAuth renewal during a file import) would save half of the batch, beyond the reach
 * of its rollback, and a second batch's rollback could take back the first's writes. Re-entrant: what runs
 * inside a turn (a batch's own writes, through any store on the same vault) runs at once.
 */
export class WriterTurns {
  #last: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const held = holding.getStore();
    if (held?.has(this)) return fn();
    const turn = this.#last.then(() => holding.run(new Set([...(held ?? []), this]), fn));
    // The next writer waits for this one to end, however it ends.
    this.#last = turn.catch(() => undefined);
    return turn;
  }
}
