import { describe, expect, it } from 'vitest';
import { monogramInitials } from '../../../renderer/src/ui/monogram';

describe('monogram initials', () => {
  it('never shows punctuation', () => {
    expect(monogramInitials('P(')).toBe('P');
    expect(monogramInitials('Payments (old)')).toBe('PO');
    expect(monogramInitials('"Acme" API')).toBe('AA');
    expect(monogramInitials('api.github.com')).toBe('AG');
    expect(monogramInitials('#1 service')).toBe('1S');
  });

  it('keeps letters beyond ASCII and falls back to "?"', () => {
    expect(monogramInitials('école normale')).toBe('ÉN');
    expect(monogramInitials('(-)')).toBe('?');
    expect(monogramInitials('')).toBe('?');
  });
});
