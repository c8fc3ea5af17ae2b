import { expect } from 'vitest';

/**
 * Polls until the check holds, then asserts it. Bounded by time, not by a count of short naps: what the
 * tests wait for is often a real vault save (lock, write, read-back, rename), and on a loaded CI machine
 * 200 naps of 2 ms (~0.4 s) ran out before one landed.
 */
export async function until(check: () => boolean | Promise<boolean>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
}
