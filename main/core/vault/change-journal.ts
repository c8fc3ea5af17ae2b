/**
 * What this session changed since the file it last read or wrote, per record: enough to
 * re-apply the changes on top of a newer file (merge.ts) and to know which ones a save covered.
 */
export type ChangeKind = 'put' | 'entry' | 'delete';

export interface Change {
  kind: ChangeKind;
  seq: number;
  /** The record's revision on disk when this session first changed it (null: not on disk). */
  baseRev: number | null;
}

export class ChangeJournal {
  private readonly changes = new Map<string, Change>();
  private seq = 0;
  /** seq of the last header change not yet saved (0: none). */
  private headerSeq = 0;

  get isDirty(): boolean {
    return this.changes.size > 0 || this.headerSeq > 0;
  }
  /** The mark a save takes before encoding: changes up to it are what the save writes. */
  get mark(): number {
    return this.seq;
  }

  /** onDiskRev: the record's revision in the file this session read (null when it is not there). */
  note(id: string, kind: ChangeKind, onDiskRev: number | null): void {
    const prev = this.changes.get(id);
    const baseRev = prev ? prev.baseRev : onDiskRev;
    this.changes.set(id, { kind: prev?.kind === 'put' && kind === 'entry' ? 'put' : kind, seq: ++this.seq, baseRev });
  }

  noteHeader(): number {
    this.headerSeq = ++this.seq;
    return this.headerSeq;
  }

  /** Undoes a header change that failed to save, unless a later one replaced it. */
  restoreHeaderMark(changedAt: number, previous: number): void {
    if (this.headerSeq === changedAt) this.headerSeq = previous;
  }
  get headerMark(): number {
    return this.headerSeq;
  }

  /** Oldest first, as a merge re-applies them. */
  ordered(): [string, Change][] {
    return [...this.changes].sort((a, b) => a[1].seq - b[1].seq);
  }

  get(id: string): Change | undefined {
    return this.changes.get(id);
  }

  /** A checkpoint's rollback: the record's unsaved change as it was then (undefined: none). */
  restore(id: string, change: Change | undefined): void {
    if (change) this.changes.set(id, change);
    else this.changes.delete(id);
  }

  forget(id: string): void {
    this.changes.delete(id);
  }

  /** A save up to `mark` is on disk: those changes are done; later ones stay pending. */
  saved(mark: number): void {
    for (const [id, c] of this.changes) if (c.seq <= mark) this.changes.delete(id);
    if (this.headerSeq <= mark) this.headerSeq = 0;
  }

  clear(): void {
    this.changes.clear();
    this.headerSeq = 0;
  }
}
