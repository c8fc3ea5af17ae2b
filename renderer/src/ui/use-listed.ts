import { useEffect, useState } from 'react';

/**
 * A list read from main, read again whenever `read` or `version` changes: null until the first
 * answer, empty when a read fails. An answer that arrives after a newer read started (or after the
 * screen went away) is dropped, so a slow old answer never overwrites a newer one.
 */
export function useListed<T>(read: () => Promise<T[]>, version: number): T[] | null {
  const [list, setList] = useState<T[] | null>(null);
  useEffect(() => {
    let live = true;
    void read().then(
      (l) => live && setList(l),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
    // `version` is the caller's "read again" signal; the read itself does not use it.
  }, [read, version]);
  return list;
}
