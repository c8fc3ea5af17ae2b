import type { HeaderSwitch } from '../core/model/default-headers';
import { usageError } from './parse-args';

/**
 * -H as curl reads it: "Name: value" sends the header (and beats a service default of that name),
 * "Name:" sends no header of that name (a service default included), "Name;" sends it empty.
 */
export function parseHeaderArgs(raw: readonly string[]): {
  headers: { name: string; value: string }[];
  off: HeaderSwitch[];
} {
  const headers: { name: string; value: string }[] = [];
  const off: HeaderSwitch[] = [];
  for (const h of raw) {
    const empty = /^([^:;\s]+);$/.exec(h.trim());
    if (empty) {
      headers.push({ name: empty[1]!, value: '' });
      continue;
    }
    const i = h.indexOf(':');
    // The text is not quoted back: a header typed without its colon may hold a key.
    if (i <= 0) throw usageError('A header is written "Name: value" ("Name:" sends none, "Name;" sends it empty).');
    const name = h.slice(0, i).trim();
    const value = h.slice(i + 1).trim();
    if (value === '') off.push({ name, enabled: false });
    else headers.push({ name, value });
  }
  // "Name:" drops the header the user typed too, as curl does.
  const dropped = new Set(off.map((s) => s.name.toLowerCase()));
  return { headers: headers.filter((x) => !dropped.has(x.name.toLowerCase())), off };
}

/**
 * A service's default headers after `--header` edits: "Name: value" sets (replacing one of that
 * name in its place), "Name:" removes. The store checks the result (model/default-headers.ts).
 */
export function editDefaultHeaders<H extends { name: string; value: string; enabled?: boolean | undefined }>(
  current: readonly H[],
  raw: readonly string[],
): { name: string; value: string; enabled?: boolean | undefined }[] {
  let next: { name: string; value: string; enabled?: boolean | undefined }[] = [...current];
  for (const arg of raw) {
    const { headers, off } = parseHeaderArgs([arg]);
    for (const s of off) next = next.filter((h) => h.name.toLowerCase() !== s.name.toLowerCase());
    for (const h of headers) {
      const at = next.findIndex((x) => x.name.toLowerCase() === h.name.toLowerCase());
      if (at < 0) next.push(h);
      else next[at] = h;
    }
  }
  return next;
}
