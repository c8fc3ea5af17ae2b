import { useEffect, useState } from 'react';

/**
 * Whole seconds left of the wrong-password delay main enforces (VaultStatus.retryAfterMs), ticking
 * down on screen so the user sees "Wait 2 s" instead of an unlock that hangs.
 */
export function useRetryWait(): { seconds: number; start: (ms: number) => void } {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(250, until - now));
    return () => clearTimeout(t);
  }, [until, now]);
  return {
    seconds: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (ms) => {
      const at = Date.now();
      setNow(at);
      setUntil(at + ms);
    },
  };
}
