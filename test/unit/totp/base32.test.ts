import { describe, expect, it } from 'vitest';
import { encodeBase32, parseBase32Secret, shortSecretWarning, totpCode } from '../../../main/core/totp';
import { catchLatchError as catchError } from './helpers/catch-error';

describe('parseBase32Secret', () => {
  it('accepts spaces, lower case and padding, and normalises', () => {
    const { secret, bytes } = parseBase32Secret(' gezd gnbv gy3t qojq gezd gnbv gy3t qojq ');
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(Buffer.from(bytes).toString()).toBe('12345678901234567890');
    expect(parseBase32Secret('MRSWMYLVNR2HGZDFMZQXK3DUOM======').secret).toBe('MRSWMYLVNR2HGZDFMZQXK3DUOM');
  });

  it('names the 1-based position of the first bad character in the text as typed', () => {
    const err = catchError(() => parseBase32Secret('JBSW Y3DP 0HPK 3PXP'));
    expect(err.code).toBe('ERR_TOTP_INVALID');
    expect(err.detail).toMatchObject({ position: 11 });
    expect(catchError(() => parseBase32Secret('1BSWY3DPEHPK3PXP')).detail).toMatchObject({ position: 1 });
    expect(catchError(() => parseBase32Secret('JBSWY3DPEHPK3PX8')).detail).toMatchObject({ position: 16 });
  });

  it("treats '=' before more key text as the bad character", () => {
    expect(catchError(() => parseBase32Secret('JBSWY3DP=EHPK3PXP')).detail).toMatchObject({ position: 9 });
  });

  it('never puts the secret in the message', () => {
    const err = catchError(() => parseBase32Secret('JBSWY3DPEHPK3PX!'));
    expect(err.message).not.toContain('JBSWY3DP');
  });

  it('refuses empty secrets and one that is not even a byte', () => {
    expect(catchError(() => parseBase32Secret('')).code).toBe('ERR_TOTP_INVALID');
    expect(catchError(() => parseBase32Secret('  = ')).code).toBe('ERR_TOTP_INVALID');
    expect(catchError(() => parseBase32Secret('J')).detail).toMatchObject({ bytes: 0 });
  });

  it('accepts keys under 10 bytes (real services issue them), and shortSecretWarning says so', () => {
    expect(parseBase32Secret('JBSWY3DPEHPK3P').bytes.length).toBe(8);
    expect(parseBase32Secret('GE').bytes.length).toBe(1);
    expect(shortSecretWarning('JBSWY3DPEHPK3P')).toMatch(/only 8 bytes/);
    expect(shortSecretWarning('GE')).toMatch(/only 1 byte /);
    expect(shortSecretWarning('JBSWY3DPEHPK3PXP')).toBeNull();
  });

  it('makes RFC-correct codes from a short key (otplib floor lowered)', () => {
    // HMAC-SHA1(key "12345678", counter 1), truncated per RFC 4226, computed with Python's hmac.
    expect(totpCode({ secret: encodeBase32(Buffer.from('12345678')) }, 59_000)).toBe('149148');
  });

  it('round-trips with encodeBase32', () => {
    for (let n = 10; n < 70; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      expect(Buffer.from(parseBase32Secret(encodeBase32(bytes)).bytes)).toEqual(Buffer.from(bytes));
    }
  });
});
