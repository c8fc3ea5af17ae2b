/**
 * Text colours meet WCAG AA (4.5:1) on every surface they sit on, in both themes.
 * The tokens are light-dark(light, dark) pairs in tokens.css, read here as the app ships them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../../renderer/src/ui/tokens.css'), 'utf8');

function pair(token: string): [string, string] {
  const m = new RegExp(`${token}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(css);
  if (!m?.[1] || !m[2]) throw new Error(`${token} is not a light-dark(#hex, #hex) pair`);
  return [m[1], m[2]];
}

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const SURFACES = ['--bg', '--bg-raised', '--bg-sunken', '--bg-hover', '--bg-selected'];

describe('text colour contrast', () => {
  for (const text of ['--text', '--text-muted', '--text-faint']) {
    for (const surface of SURFACES) {
      it(`${text} on ${surface} is at least 4.5:1 in light and dark`, () => {
        const [fgLight, fgDark] = pair(text);
        const [bgLight, bgDark] = pair(surface);
        expect(contrast(fgLight, bgLight)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(fgDark, bgDark)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('measures the old faint colour as failing, so the check can fail', () => {
    expect(contrast('#8a8e93', '#f7f7f5')).toBeLessThan(4.5);
  });
});

/*
 * The focus ring (ui/focus.css) is a 2 px outline in --accent: WCAG 2.2 focus appearance asks
 * 3:1 against what it is drawn on, which for an inset ring includes the tinted surfaces of
 * selected rows, chips and banners. The e2e keyboard walk checks the same on screen; this
 * catches a token change before any page is drawn.
 */
describe('focus ring contrast', () => {
  const focusCss = readFileSync(join(import.meta.dirname, '../../../renderer/src/ui/focus.css'), 'utf8');

  it('is one 2 px solid --accent outline', () => {
    expect(focusCss).toMatch(/:focus-visible \{\s*outline: 2px solid var\(--accent\);/);
  });

  const RING_SURFACES = [...SURFACES, '--accent-soft', '--ok-soft', '--warn-soft', '--danger-soft', '--info-soft'];
  for (const surface of RING_SURFACES) {
    it(`--accent on ${surface} is at least 3:1 in light and dark`, () => {
      const [ringLight, ringDark] = pair('--accent');
      const [bgLight, bgDark] = pair(surface);
      expect(contrast(ringLight, bgLight)).toBeGreaterThanOrEqual(3);
      expect(contrast(ringDark, bgDark)).toBeGreaterThanOrEqual(3);
    });
  }

  it('measures the old ring colour (--accent-soft on --bg-raised) as failing', () => {
    const [soft] = pair('--accent-soft');
    const [raised] = pair('--bg-raised');
    expect(contrast(soft, raised)).toBeLessThan(3);
  });
});
