import { describe, expect, it } from 'vitest';
import {
  buildOtpAuthUri,
  generateCode,
  generateSecret,
  hotpCode,
  type OtpSpec,
  parseBase32Secret,
  parseOtpAuthUri,
  verifyCode,
} from '../../../main/core/totp';
import { catchLatchError } from './helpers/catch-error';

const NOW = 1_700_000_000_000;

describe('MFA lab', () => {
  it('generates a fresh 20-byte Base32 secret and a link for it', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(parseBase32Secret(secret).bytes).toHaveLength(20);
    expect(generateSecret()).not.toBe(secret);
    const uri = buildOtpAuthUri({ secret, issuer: 'Latch Lab', account: 'me@example.com' });
    expect(parseOtpAuthUri(uri).fields).toMatchObject({ secret, issuer: 'Latch Lab', account: 'me@example.com' });
    expect(catchLatchError(() => generateSecret(4)).code).toBe('ERR_BAD_INPUT');
  });

  const spec: OtpSpec = {
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
  const codeAt = (steps: number, s: OtpSpec = spec) => generateCode(s, NOW + steps * s.period * 1000);

  it('accepts the current code with delta 0', () => {
    expect(verifyCode(spec, codeAt(0), { nowMs: NOW, window: 1 })).toEqual({ valid: true, delta: 0 });
  });

  it('says how many steps off a code within the window was', () => {
    expect(verifyCode(spec, codeAt(-1), { nowMs: NOW, window: 1 })).toEqual({ valid: true, delta: -1 });
    expect(verifyCode(spec, codeAt(1), { nowMs: NOW, window: 1 })).toEqual({ valid: true, delta: 1 });
    expect(verifyCode(spec, codeAt(-3), { nowMs: NOW, window: 3 })).toEqual({ valid: true, delta: -3 });
    expect(verifyCode(spec, codeAt(2), { nowMs: NOW, window: 3 })).toEqual({ valid: true, delta: 2 });
  });

  it('refuses codes outside the window, malformed codes and wrong codes', () => {
    expect(verifyCode(spec, codeAt(2), { nowMs: NOW, window: 1 })).toEqual({ valid: false, delta: null });
    expect(verifyCode(spec, codeAt(-1), { nowMs: NOW, window: 0 })).toEqual({ valid: false, delta: null });
    expect(verifyCode(spec, '12345', { nowMs: NOW })).toEqual({ valid: false, delta: null });
    expect(verifyCode(spec, 'abcdef', { nowMs: NOW })).toEqual({ valid: false, delta: null });
  });

  it('tolerates spaces in the typed code ("123 456")', () => {
    const c = codeAt(0);
    expect(verifyCode(spec, `${c.slice(0, 3)} ${c.slice(3)}`, { nowMs: NOW }).valid).toBe(true);
  });

  it('works for SHA-512, 8 digits, 60 s', () => {
    const s: OtpSpec = { ...spec, algorithm: 'SHA512', digits: 8, period: 60 };
    expect(verifyCode(s, codeAt(-2, s), { nowMs: NOW, window: 2 })).toEqual({ valid: true, delta: -2 });
  });

  it('HOTP looks ahead of the stored counter only', () => {
    const h: OtpSpec = { ...spec, type: 'hotp', counter: 10 };
    expect(verifyCode(h, hotpCode(h, 10), { nowMs: NOW, window: 3 })).toEqual({ valid: true, delta: 0 });
    expect(verifyCode(h, hotpCode(h, 13), { nowMs: NOW, window: 3 })).toEqual({ valid: true, delta: 3 });
    expect(verifyCode(h, hotpCode(h, 9), { nowMs: NOW, window: 3 })).toEqual({ valid: false, delta: null });
  });

  it('verifies Steam codes, case-insensitively', () => {
    const s: OtpSpec = { ...spec, type: 'steam' };
    expect(verifyCode(s, codeAt(-1, s).toLowerCase(), { nowMs: NOW, window: 1 })).toEqual({ valid: true, delta: -1 });
    expect(verifyCode(s, codeAt(0, s), { nowMs: NOW, window: 0 })).toEqual({ valid: true, delta: 0 });
  });

  it('refuses a window outside 0..10', () => {
    expect(catchLatchError(() => verifyCode(spec, '000000', { nowMs: NOW, window: 11 })).code).toBe('ERR_BAD_INPUT');
  });
});
