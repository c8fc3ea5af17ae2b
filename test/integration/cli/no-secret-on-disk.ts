import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The planted values are drawn at random when a test file loads, so only a file written since this process
 * started can hold one: older files (the shared temp folder holds gigabytes of them) are not read. Two seconds
 * of slack for file systems with coarse timestamps.
 */
const STARTED = performance.timeOrigin - 2000;

/**
 * Files under the given folders whose bytes contain a planted value (symlinks and special files skipped). Several
 * values are looked for in one walk: the walk of the shared temp folder is what costs.
 */
export function grepTree(roots: string[], needle: string | readonly string[], since = STARTED): string[] {
  const found: string[] = [];
  const wanted = (typeof needle === 'string' ? [needle] : needle).map((n) => Buffer.from(n));
  const walk = (path: string) => {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const n of names) walk(join(path, n));
    } else if (st.isFile() && st.size < 64 * 1024 * 1024 && Math.max(st.mtimeMs, st.ctimeMs) >= since) {
      try {
        const bytes = readFileSync(path);
        if (wanted.some((w) => bytes.includes(w))) found.push(path);
      } catch {
        // Unreadable: not ours.
      }
    }
  };
  for (const r of roots) walk(r);
  return [...new Set(found)];
}
