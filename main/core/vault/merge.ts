import type { ChangeJournal } from './change-journal';
import type { Row } from './record-store';

export interface Conflict {
  id: string;
  reason: 'changed-on-disk' | 'deleted-on-disk';
}

export interface MergeResult {
  /** Local changes re-applied on top of the disk's rows. */
  reapplied: number;
  /** Records changed (or deleted) on disk AND here; the local version was kept (or, for an entry-only edit of a deleted record, dropped). */
  conflicts: Conflict[];
}

/**
 * Re-applies this session's changes, oldest first, onto the rows of a newer file (diskRows is
 * modified in place and becomes the session's content). Changes are per record, so another
 * writer's change to a different record is kept as it is; a record both sides changed is a conflict.
 */
export function mergeOnto(
  diskRows: Map<string, Row>,
  localRows: ReadonlyMap<string, Row>,
  journal: ChangeJournal,
): MergeResult {
  const conflicts: Conflict[] = [];
  let reapplied = 0;
  for (const [id, c] of journal.ordered()) {
    const there = diskRows.get(id);
    const mine = localRows.get(id);
    const diskRev = there ? there.rev : null;
    if (diskRev !== c.baseRev) conflicts.push({ id, reason: there ? 'changed-on-disk' : 'deleted-on-disk' });
    if (c.kind === 'delete') {
      if (there) diskRows.delete(id);
      reapplied++;
      c.baseRev = diskRev;
    } else if (c.kind === 'put' && mine) {
      diskRows.set(id, { ...mine, rev: there?.rev ?? 0 });
      reapplied++;
      c.baseRev = diskRev;
    } else if (c.kind === 'entry' && mine) {
      if (there) {
        diskRows.set(id, { ...there, entry: mine.entry });
        reapplied++;
        c.baseRev = diskRev;
      } else {
        journal.forget(id);
      }
    }
  }
  return { reapplied, conflicts };
}
