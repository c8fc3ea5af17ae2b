/** The keys of a roving-tabindex group (the tag chips): arrows wrap, Home and End jump, others pass. */
import { describe, expect, it } from 'vitest';
import { rovingTarget } from '../../../renderer/src/ui/roving-target';

describe('rovingTarget', () => {
  it('moves with the arrows in both axes and wraps at the ends', () => {
    expect(rovingTarget('ArrowRight', 0, 3)).toBe(1);
    expect(rovingTarget('ArrowDown', 2, 3)).toBe(0);
    expect(rovingTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(rovingTarget('ArrowUp', 1, 3)).toBe(0);
  });

  it('jumps with Home and End', () => {
    expect(rovingTarget('Home', 2, 3)).toBe(0);
    expect(rovingTarget('End', 0, 3)).toBe(2);
  });

  it('leaves every other key, and an empty group, alone', () => {
    expect(rovingTarget('Enter', 1, 3)).toBeNull();
    expect(rovingTarget(' ', 1, 3)).toBeNull();
    expect(rovingTarget('Tab', 1, 3)).toBeNull();
    expect(rovingTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
