import { describe, expect, it } from 'vitest';
import { formatStoredBackupCodes, maskBackupCode, parseStoredBackupCodes } from '../../../main/core/totp';

describe('recovery codes as stored in a secret credential', () => {
  it('round-trips used and unused codes', () => {
    const codes = [
      { code: 'abcd-efgh', used: false },
      { code: '1234 5678', used: true },
      { code: 'zz', used: false },
    ];
    const text = formatStoredBackupCodes(codes);
    expect(text).toBe('abcd-efgh\n✓ 1234 5678\nzz');
    expect(parseStoredBackupCodes(text)).toEqual(codes);
  });

  it('skips blank lines and tolerates a mark without its space', () => {
    expect(parseStoredBackupCodes('\r\n a1 \n✓b2\n✓ \n')).toEqual([
      { code: 'a1', used: false },
      { code: 'b2', used: true },
    ]);
  });

  it('masks all but the first characters', () => {
    expect(maskBackupCode('abcd-efgh-1111')).toBe('abc•••••••••••');
    expect(maskBackupCode('123456')).toBe('1•••••');
    expect(maskBackupCode('ab')).toBe('a•••');
  });
});
