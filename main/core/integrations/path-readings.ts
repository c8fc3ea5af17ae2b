/**
 * The ways a server may read a URL path a tool hands a credential helper. git sends `path` percent-decoded
 * once, with any `..` still in it (git-credential(1); `url=https://h/a/%2e%2e/b` arrives as `a/../b`), while
 * curl removes the dot segments before the request goes out, so the dots must be resolved before a path is
 * compared with a service's. Which of the rest a server does is its own choice: IIS reads a backslash as a
 * slash, some servers decode twice (then `%2e%2e` is `..` too), and a `?` may start a query. A path is under
 * a base only when it is under it in every reading: the credential of `/team-a/` never goes to a path some
 * server resolves to `/team-b/`. Tomcat drops `;parameters` from each segment first (`..;` is `..` there).
 *
 * Written here rather than with `new URL`: WHATWG resolves `%2e` as a dot in a path it then keeps encoded, which
 * is the server's second decoding applied before its first; each reading below is one whole server's view.
 */

const DOT = '.';
const DOT_DOT = '..';

/** Percent-decoding once, as a server does; a malformed escape stays as it is (servers refuse or keep it). */
export function decodeOnce(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** RFC 3986 §5.2.4 over segments: `.` goes, `..` takes the previous one with it and stops at the root. */
function removeDotSegments(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === DOT) continue;
    if (segment === DOT_DOT) out.pop();
    else out.push(segment);
  }
  // Slashes at either end say nothing about where the path is (git trims them; a base URL may end in one).
  while (out[0] === '') out.shift();
  while (out.at(-1) === '') out.pop();
  return out;
}

/** Tomcat (and Spring on it, e.g. Bitbucket Server) drops each segment's `;parameters` before resolving dots. */
function withoutSegmentParams(path: string): string {
  return path
    .split('/')
    .map((segment) => segment.replace(/;.*$/s, ''))
    .join('/');
}

const READINGS: readonly ((path: string) => string)[] = [
  (p) => p.replace(/[?#].*$/s, ''),
  (p) => p.replaceAll('\\', '/'),
  decodeOnce,
  withoutSegmentParams,
];

/**
 * More readings than any honest path has (each step only shortens or keeps its length, so there is an end, but
 * `%25` nested deep gives one per level): past this, the path counts as one a server may read as its root.
 */
const MAX_READINGS = 256;

/**
 * Every reading of `path` (as git sends it: decoded once, no leading slash needed), each as its segments. The
 * readings are applied in every order and any number of times, to a fixed point: a server may decode twice and
 * then read the backslash the second decoding made (`..%5c`), or drop `;` parameters after decoding.
 */
export function pathReadings(path: string): string[][] {
  const seen = new Set([path]);
  let fresh = [path];
  while (fresh.length > 0) {
    const next: string[] = [];
    for (const p of fresh) {
      for (const read of READINGS) {
        const r = read(p);
        if (!seen.has(r)) {
          seen.add(r);
          next.push(r);
        }
      }
    }
    if (seen.size > MAX_READINGS) return [...[...seen].map(removeDotSegments), []];
    fresh = next;
  }
  return [...seen].map(removeDotSegments);
}

/** A service's base path (a WHATWG pathname, percent-encoded) in the form git's path comes in: decoded once. */
export function basePathSegments(pathname: string): string[] {
  return removeDotSegments(decodeOnce(pathname));
}

/** Whether every reading of the tool's path lies within the base, whole segment by whole segment. */
export function isUnderEveryReading(path: string, base: readonly string[]): boolean {
  return pathReadings(path).every((segments) => base.every((s, i) => segments[i] === s));
}
