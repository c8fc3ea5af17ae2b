import { describe, expect, it } from 'vitest';
import { asciiNeedlePattern } from '../../../main/core/vault/format/v1/index-lines';

/**
 * The line index finds an ASCII name without lowercasing the index (asciiNeedlePattern). That is exact only
 * while toLowerCase keeps these facts, checked here over every code point with the engine that runs the tests.
 */
describe('toLowerCase, as the ASCII name search relies on it', () => {
  it('keeps every character its length but U+0130, maps to ASCII only from ASCII and U+212A, never to a capital', () => {
    const longer: number[] = [];
    const intoAscii: number[] = [];
    const toCapital: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const lower = s.toLowerCase();
      if (lower.length !== s.length) longer.push(cp);
      if (cp > 0x7f && /[\0-\x7f]/.test(lower)) intoAscii.push(cp);
      if (/[A-Z]/.test(lower)) toCapital.push(cp);
    }
    expect(longer).toEqual([0x130]);
    expect(intoAscii).toEqual([0x130, 0x212a]);
    expect(toCapital).toEqual([]);
    // A lone surrogate is left as it is.
    expect('\ud800'.toLowerCase()).toBe('\ud800');
  });

  it('the pattern finds exactly where the lowercase holds the needle', () => {
    const text = 'Kelvin \u212aELVIN kelvin "GitHub" ÉCOLE "σΣ"';
    const at = (needle: string) => [...text.matchAll(asciiNeedlePattern(needle)!)].map((m) => m.index);
    const lowerAt = (needle: string) => {
      const lower = text.toLowerCase();
      const out: number[] = [];
      for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) out.push(i);
      return out;
    };
    for (const needle of ['kelvin', '"github"', 'e', 'cole', 'Kelvin', '" ', '"'])
      expect(at(needle), needle).toEqual(lowerAt(needle));
    expect(asciiNeedlePattern('école')).toBeNull();
  });
});
