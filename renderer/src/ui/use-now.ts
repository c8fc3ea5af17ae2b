import { useEffect, useState } from 'react';

/** The time, re-read every `ms`: re-renders a screen whose countdowns move between main's answers. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
