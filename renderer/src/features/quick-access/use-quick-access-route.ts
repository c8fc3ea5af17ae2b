import { useCallback, useEffect, useRef, useState } from 'react';
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
  // What had focus in the app when the palette opened over it: focus goes back there on close
  // (the app stays mounted under the palette, App.tsx).
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const show = () => {
      if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body)
        opener.current ??= document.activeElement;
      setOpen(true);
    };
    const onHash = () => {
      if (window.location.hash === QUICK_ACCESS_HASH) show();
    };
    window.addEventListener('hashchange', onHash);
    const off = latch.app.onNavigate(({ route }) => {
      if (route === 'quick-access') show();
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

  useEffect(() => {
    if (open) return;
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }, [open]);

  return { open, dedicated, close };
}
