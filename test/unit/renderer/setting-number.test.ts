import { describe, expect, it } from 'vitest';
import { settingNumber } from '../../../renderer/src/features/settings/setting-number';

const autoLock = { min: 0, max: 1440 };
const clipboard = { min: 1, max: 3600 };

describe('a Settings number box, read for saving', () => {
  it('takes a whole number inside the range', () => {
    expect(settingNumber('0', autoLock)).toEqual({ value: 0 });
    expect(settingNumber(' 15 ', autoLock)).toEqual({ value: 15 });
    expect(settingNumber('3600', clipboard)).toEqual({ value: 3600 });
  });

  it('reads an empty box (or a half-typed "1e", which the browser reports as empty) as nothing, never as 0: auto-lock off', () => {
    for (const text of ['', '   '])
      expect(settingNumber(text, autoLock)).toEqual({ problem: 'Enter a whole number from 0 to 1440.' });
  });

  it('refuses what is out of range or not a number, and a fraction, which main refuses from the page', () => {
    for (const text of ['-1', '1441', '1e309', 'NaN', 'Infinity', '0x', '0.5'])
      expect(settingNumber(text, autoLock)).toEqual({ problem: 'Enter a whole number from 0 to 1440.' });
    for (const text of ['0', '2.5', '3601'])
      expect(settingNumber(text, clipboard)).toEqual({ problem: 'Enter a whole number from 1 to 3600.' });
  });
});
