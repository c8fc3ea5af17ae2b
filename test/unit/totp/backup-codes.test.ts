import { describe, expect, it } from 'vitest';
import { backupCodesLeft, markBackupCodeUsed, parseBackupCodes } from '../../../main/core/totp';
import { catchLatchError } from './helpers/catch-error';

describe('backup codes', () => {
  it('parses one per line, trims, drops blanks, list markers and duplicates', () => {
    const codes = parseBackupCodes('  abcd-efgh \r\n\n1. 1234 5678\n- zzzz-yyyy\nABCD EFGH\n2) 9999-0000\n\t\n');
    expect(codes).toEqual([
      { code: 'abcd-efgh', used: false },
      { code: '1234 5678', used: false },
      { code: 'zzzz-yyyy', used: false },
      { code: '9999-0000', used: false },
    ]);
    expect(backupCodesLeft(codes)).toBe(4);
  });

  it('keeps codes that merely start with digits', () => {
    expect(parseBackupCodes('12345678\n87654321').map((c) => c.code)).toEqual(['12345678', '87654321']);
  });

  it('marks a code used without mutating the list, matching loosely', () => {
    const codes = parseBackupCodes('abcd-efgh\n1234-5678');
    const after = markBackupCodeUsed(codes, 'ABCDEFGH');
    expect(after).toEqual([
      { code: 'abcd-efgh', used: true },
      { code: '1234-5678', used: false },
    ]);
    expect(codes[0]!.used).toBe(false);
    expect(backupCodesLeft(after)).toBe(1);
  });

  it('refuses unknown and already-used codes, and empty pastes', () => {
    const used = markBackupCodeUsed(parseBackupCodes('aaaa\nbbbb'), 'aaaa');
    expect(catchLatchError(() => markBackupCodeUsed(used, 'aaaa')).code).toBe('ERR_CONFLICT');
    expect(catchLatchError(() => markBackupCodeUsed(used, 'cccc')).code).toBe('ERR_NOT_FOUND');
    expect(catchLatchError(() => parseBackupCodes(' \n\n ')).code).toBe('ERR_BAD_INPUT');
  });
});
