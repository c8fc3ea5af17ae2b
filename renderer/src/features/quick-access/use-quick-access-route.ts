import { useCallback, useEffect, useState } from 'react';
import type { LatchApi } from '../../../../preload/api';

export const QUICK_ACCESS_HASH = '#/quick-access';

// Read before the bridge tidies the address bar.
const openedAtLoad = typeof window !== 'undefined' && window.location.hash === QUICK_ACCESS_HASH;

export interface QuickAccessRoute {
  open: boolean;
  /** The Electron palette window: it only ever shows the palette, and the shell hides it. */
  dedicated: boolean;
  close(): void;
}

/**
 * Whether the palette is showing: `#/quick-access` in the address (the palette window
 * loads that; in the browser host it is how to reach it), or an app.navigate to it.
 * Outside the palette window, closing it goes back to the main app.
 */
export function useQuickAccessRoute(latch: LatchApi): QuickAccessRoute {
  const dedicated = openedAtLoad && window.latch !== undefined;
  const [open, setOpen] = useState(openedAtLoad);

  useEffect(() => {
    const onHash = () => {
      if (window.location.hash === QUICK_ACCESS_HASH) setOpen(true);
    };
    window.addEventListener('hashchange', onHash);
    const off = latch.app.onNavigate(({ route }) => {
      if (route === 'quick-access') setOpen(true);
      else if (!dedicated) setOpen(false);
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, [latch, dedicated]);

  const close = useCallback(() => {
    if (dedicated) return;
    if (window.location.hash === QUICK_ACCESS_HASH)
      history.replaceState(null, '', window.location.pathname + window.location.search);
    setOpen(false);
  }, [dedicated]);

  return { open, dedicated, close };
}
