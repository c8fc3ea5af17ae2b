import { useEffect, useState } from 'react';

/**
 * A list read from main, read again whenever `read` or `version` changes: null until the first
 * answer. A failed read gives `error` (what was thrown) and no list, never an empty one: a screen
 * showed a failure as "No one-time codes yet". An answer that arrives after a newer read started
 * (or after the screen went away) is dropped, so a slow old answer never overwrites a newer one.
 */
export function useListed<T>(read: () => Promise<T[]>, version: number): { list: T[] | null; error: unknown } {
  const [state, setState] = useState<{ list: T[] | null; error: unknown }>({ list: null, error: null });
  useEffect(() => {
    let live = true;
    void read().then(
      (list) => live && setState({ list, error: null }),
      (error: unknown) => live && setState({ list: null, error: error ?? new Error('The read failed.') }),
    );
    return () => {
      live = false;
    };
    // `version` is the caller's "read again" signal; the read itself does not use it.
  }, [read, version]);
  return state;
}
