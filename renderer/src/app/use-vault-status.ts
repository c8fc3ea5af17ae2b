import { useCallback, useEffect, useState } from 'react';
import type { VaultStatus } from '../../../preload/contract';
import { useLatch } from '../latch-context';

/** The vault's state from main, kept fresh by `vault.changed`. */
export function useVaultStatus(): {
  status: VaultStatus | null;
  refresh: () => Promise<void>;
  lastReason: string | null;
  /** What the last lock dropped (named by main); empty when nothing was. */
  lost: string[];
} {
  const latch = useLatch();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [lastReason, setLastReason] = useState<string | null>(null);
  const [lost, setLost] = useState<string[]>([]);
  const refresh = useCallback(async () => setStatus(await latch.vault.status()), [latch]);
  useEffect(() => {
    void refresh();
    return latch.vault.onChanged((e) => {
      setStatus(e.status);
      setLastReason(e.reason);
      // Kept until the next unlock: the notice stays on the unlock screen however often the status changes.
      if (e.lostUnsavedChanges) setLost(e.lost);
      else if (e.reason === 'unlocked') setLost([]);
    });
  }, [latch, refresh]);
  return { status, refresh, lastReason, lost };
}

/**
 * Tells main the user is active (for auto-lock), at most every 20 seconds. `vault.touch` is a gesture channel
 * (a page script cannot keep the vault open), so only presses count: a key or a pointer, not the wheel, which
 * gives no user activation. A press the preload refuses (Escape gives none either) leaves the next one free.
 */
export function useActivityPing(active: boolean): void {
  const latch = useLatch();
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < 20_000) return;
      last = now;
      latch.vault.touch().catch(() => {
        last = 0;
      });
    };
    const events = ['keydown', 'pointerdown'] as const;
    for (const e of events) window.addEventListener(e, ping, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, ping);
    };
  }, [latch, active]);
}
