import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateCode,
  hotpCode,
  liveCode,
  type OtpSpec,
  STEAM_ALPHABET,
  secondsRemaining,
  steamCode,
  totpCode,
  windowEndsAt,
} from '../../../main/core/totp';

// RFC 6238 Appendix B seeds, Base32-encoded (python3 base64.b32encode, unpadded).
const SHA1_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const SHA256_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'; // "12345678901234567890123456789012"
const SHA512_SEED =
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA'; // 64 bytes

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)('T=%i', (seconds, sha1, sha256, sha512) => {
    const nowMs = seconds * 1000;
    expect(totpCode({ secret: SHA1_SEED, algorithm: 'SHA1', digits: 8, period: 30 }, nowMs)).toBe(sha1);
    expect(totpCode({ secret: SHA256_SEED, algorithm: 'SHA256', digits: 8, period: 30 }, nowMs)).toBe(sha256);
    expect(totpCode({ secret: SHA512_SEED, algorithm: 'SHA512', digits: 8, period: 30 }, nowMs)).toBe(sha512);
  });

  it('defaults to SHA-1, 6 digits, 30 s (the last 6 digits of the 8-digit vector)', () => {
    expect(totpCode({ secret: SHA1_SEED }, 59_000)).toBe('287082');
    expect(totpCode({ secret: SHA1_SEED, digits: 7 }, 59_000)).toBe('4287082');
  });

  it('honours other periods: a 60 s code at 119 s is the 30 s code of step 1', () => {
    expect(totpCode({ secret: SHA1_SEED, digits: 8, period: 60 }, 119_000)).toBe(
      hotpCode({ secret: SHA1_SEED, digits: 8 }, 1),
    );
  });

  it('refuses digit counts outside 6–8', () => {
    expect(() => totpCode({ secret: SHA1_SEED, digits: 5 }, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_TOTP_INVALID' }),
    );
    expect(() => totpCode({ secret: SHA1_SEED, digits: 9 }, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_TOTP_INVALID' }),
    );
    expect(() => totpCode({ secret: SHA1_SEED, period: 0 }, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_TOTP_INVALID' }),
    );
  });
});

describe('RFC 4226 Appendix D (HOTP)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(hotpCode({ secret: SHA1_SEED }, counter)).toBe(code);
  });

  it('refuses a negative counter', () => {
    expect(() => hotpCode({ secret: SHA1_SEED }, -1)).toThrow(expect.objectContaining({ code: 'ERR_TOTP_INVALID' }));
  });
});

/** Independent Steam Guard implementation straight from the algorithm description, on node:crypto. */
function referenceSteam(key: Buffer, unixSeconds: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', key).update(msg).digest();
  const start = mac[19]! & 0xf;
  let full = ((mac[start]! & 0x7f) << 24) | (mac[start + 1]! << 16) | (mac[start + 2]! << 8) | mac[start + 3]!;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += '23456789BCDFGHJKMNPQRTVWXY'.charAt(full % 26);
    full = Math.floor(full / 26);
  }
  return out;
}

describe('Steam Guard', () => {
  const secret = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';

  it('matches the published KeePassXC vectors (tests/TestTotp.cpp)', () => {
    expect(steamCode(secret, 1511200518_000)).toBe('FR8RV');
    expect(steamCode(secret, 1511200714_000)).toBe('9P3VP');
  });

  it('matches an independent node:crypto implementation over many steps', () => {
    const key = Buffer.from('12345678901234567890');
    for (let t = 0; t < 200 * 30; t += 30) {
      const seconds = 1_700_000_000 + t * 7;
      expect(steamCode(SHA1_SEED, seconds * 1000)).toBe(referenceSteam(key, seconds));
    }
  });

  it('uses only the Steam alphabet, 5 characters, and ignores stored digits/period', () => {
    const spec: OtpSpec = { secret, type: 'steam', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 };
    const code = generateCode(spec, 1511200518_000);
    expect(code).toBe('FR8RV');
    expect([...code].every((c) => STEAM_ALPHABET.includes(c))).toBe(true);
    expect(liveCode(spec, 1511200518_000).period).toBe(30);
  });
});

describe('window and next code', () => {
  it('counts whole seconds down to the boundary', () => {
    expect(secondsRemaining(30_000, 30)).toBe(30);
    expect(secondsRemaining(30_001, 30)).toBe(30);
    expect(secondsRemaining(59_000, 30)).toBe(1);
    expect(secondsRemaining(59_999, 30)).toBe(1);
    expect(secondsRemaining(61_000, 60)).toBe(59);
    expect(windowEndsAt(59_999, 30)).toBe(60_000);
  });

  it('liveCode gives the current code, the next one and the countdown', () => {
    const spec: OtpSpec = { secret: SHA1_SEED, type: 'totp', algorithm: 'SHA1', digits: 8, period: 30, counter: 0 };
    const live = liveCode(spec, 1111111109_000);
    expect(live).toEqual({
      code: '07081804',
      next: '14050471', // RFC vector at 1111111111 is the following window
      period: 30,
      secondsRemaining: 1,
      validUntilMs: 1111111110_000,
    });
  });

  it('HOTP has no countdown and uses the stored counter', () => {
    const spec: OtpSpec = { secret: SHA1_SEED, type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 9 };
    expect(liveCode(spec, 123)).toEqual({
      code: '520489',
      next: null,
      period: null,
      secondsRemaining: null,
      validUntilMs: null,
    });
  });
});
