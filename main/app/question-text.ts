/**
 * A name the page wrote (a service's, a credential's, a host it asked for), as main's questions show it
 * (confirmation.ts): on one line and short. The question is main's own words only while the page cannot
 * lay it out: a line break in a name could end the sentence with a host of the page's choosing and push
 * the real one out of sight, a bidirectional override could show it reversed.
 */
const MAX_SHOWN = 60;

export function shownName(name: string): string {
  const line = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length <= MAX_SHOWN ? line : `${line.slice(0, MAX_SHOWN - 1)}…`;
}
