import { describe, expect, it } from 'vitest';
import { backupCodeKey } from '../../../main/core/totp';
import {
  BACKUP_ALPHABETS,
  backupCodeEntropyBits,
  generateBackupCodes,
  storageSuggestion,
} from '../../../main/core/totp/backup-code-generate';
import { catchLatchError } from './helpers/catch-error';

describe('generated recovery codes', () => {
  it('gives the count asked for, each of the length asked for, grouped with dashes, no two alike', () => {
    const g = generateBackupCodes({ count: 12, length: 12, alphabet: 'base32', group: 4 });
    expect(g.codes).toHaveLength(12);
    for (const code of g.codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(g.codes.map(backupCodeKey)).size).toBe(12);
  });

  it('draws every symbol through the random source, one draw per character, over the whole alphabet', () => {
    const draws: number[] = [];
    let i = 0;
    const g = generateBackupCodes({ count: 2, length: 16, alphabet: 'hex', group: 0 }, (max) => {
      draws.push(max);
      const n = i++;
      return (n + Math.floor(n / 16)) % max;
    });
    expect(draws).toEqual(Array(32).fill(16));
    expect(g.codes).toEqual(['0123456789abcdef', '123456789abcdef0']);
  });

  it('draws again instead of repeating a code', () => {
    // A source that gives the same code twice, then another one.
    const script = [...Array(8).fill(0), ...Array(8).fill(0), ...Array(8).fill(1)];
    let i = 0;
    const g = generateBackupCodes({ count: 2, length: 8, alphabet: 'digits', group: 0 }, () => script[i++]!);
    expect(g.codes).toEqual(['00000000', '11111111']);
  });

  it('is uniform over the alphabet with the real source (chi-square far inside its bound)', () => {
    const symbols = BACKUP_ALPHABETS.base32;
    const counts = new Map<string, number>();
    let total = 0;
    for (let round = 0; round < 10; round++) {
      for (const code of generateBackupCodes({ count: 100, length: 32, alphabet: 'base32', group: 0 }).codes)
        for (const ch of code) {
          counts.set(ch, (counts.get(ch) ?? 0) + 1);
          total++;
        }
    }
    expect([...counts.keys()].sort().join('')).toBe([...symbols].sort().join(''));
    const expected = total / symbols.length;
    const chi = [...counts.values()].reduce((s, n) => s + (n - expected) ** 2 / expected, 0);
    // 31 degrees of freedom: P(chi² > 80) is below 1e-6, so a fair source never fails this.
    expect(chi).toBeLessThan(80);
  });

  it('states the entropy per code and picks the storage from it', () => {
    expect(backupCodeEntropyBits('base32', 10)).toBe(50);
    expect(backupCodeEntropyBits('digits', 8)).toBe(26.6);
    expect(backupCodeEntropyBits('hex', 32)).toBe(128);
    const g = generateBackupCodes({ count: 3, length: 10, alphabet: 'base32', group: 5 });
    expect(g.entropyBits).toBe(50);
    expect(g.storage.scheme).toBe('argon2id');
    expect(storageSuggestion(128).scheme).toBe('sha-256');
    expect(storageSuggestion(127.9).scheme).toBe('argon2id');
  });

  it('refuses counts, lengths, groups and alphabets out of range, and codes too short to resist guessing', () => {
    expect(catchLatchError(() => generateBackupCodes({ count: 0 })).detail?.field).toBe('count');
    expect(catchLatchError(() => generateBackupCodes({ count: 101 })).detail?.field).toBe('count');
    expect(catchLatchError(() => generateBackupCodes({ length: 33 })).detail?.field).toBe('length');
    expect(catchLatchError(() => generateBackupCodes({ length: 10, group: 11 })).detail?.field).toBe('group');
    expect(catchLatchError(() => generateBackupCodes({ alphabet: 'emoji' as never })).detail?.field).toBe('alphabet');
    expect(catchLatchError(() => generateBackupCodes({ alphabet: 'digits', length: 6 })).detail?.field).toBe('length');
  });
});
