import { describe, expect, it } from 'vitest';
import { wholeNumberIn } from '../../../renderer/src/ui/whole-number';

describe('a number box keeps a whole number inside its range', () => {
  it('keeps what is in range, cutting a fraction', () => {
    expect(wholeNumberIn('12', 1, 100)).toBe(12);
    expect(wholeNumberIn('7.9', 6, 32)).toBe(7);
  });
  it('pulls what is outside back to the nearest end', () => {
    expect(wholeNumberIn('500', 1, 100)).toBe(100);
    expect(wholeNumberIn('-3', 0, 10)).toBe(0);
    expect(wholeNumberIn('2', 6, 32)).toBe(6);
  });
  it('reads an empty or non-numeric box as the minimum, never NaN', () => {
    expect(wholeNumberIn('', 6, 32)).toBe(6);
    expect(wholeNumberIn('e', 1, 100)).toBe(1);
    expect(wholeNumberIn('', 0, 32)).toBe(0);
  });
});
