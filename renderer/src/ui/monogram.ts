/**
 * The one or two letters of a monogram: the first letter or digit of the first two words.
 * Punctuation never shows ("Payments (old)" is "PO", "P(" was the bug); a name with no letter
 * or digit at all gets "?".
 */
export function monogramInitials(name: string): string {
  return (
    name
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => [...word][0]?.toLocaleUpperCase() ?? '')
      .join('') || '?'
  );
}
