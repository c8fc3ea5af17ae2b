// Plain TypeScript (no React, no DOM), so the unit tests can import it.
/** The key that moves a roving cursor, and where to: an index into `count` items, or null for other keys. */
export function rovingTarget(key: string, from: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight' || key === 'ArrowDown') return (from + 1) % count;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return (from - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
