import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMigrationUri, totpCode } from '../../../main/core/totp';
import { catchLatchError } from './helpers/catch-error';
import { MIXED_FIXTURE, migrationUri } from './helpers/migration-encoder';

const fixture = readFileSync(new URL('../../fixtures/totp/migration-mixed.txt', import.meta.url), 'utf8').trim();

describe('importMigrationUri (Google Authenticator export)', () => {
  it('the committed fixture is what the encoder script writes', () => {
    expect(fixture).toBe(migrationUri(MIXED_FIXTURE));
  });

  it('decodes batch information', () => {
    const batch = importMigrationUri(fixture);
    expect({ ...batch, accounts: batch.accounts.length }).toEqual({
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: -1234567,
      accounts: 7,
    });
  });

  it('decodes every account with explicit expected values', () => {
    const [alice, bob, carol, legacy, dave, zoe, tiny] = importMigrationUri(fixture).accounts;

    expect(alice).toEqual({
      index: 0,
      issuer: 'Example',
      account: 'alice@example.com',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      counter: null,
      ok: true,
      fields: {
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Example',
        account: 'alice@example.com',
      },
      secretWarning: null,
    });

    // "Work:bob@…" with issuer Work: the duplicated prefix is dropped.
    expect(bob).toMatchObject({
      index: 1,
      issuer: 'Work',
      account: 'bob@work.example',
      ok: true,
      fields: {
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
        type: 'totp',
        algorithm: 'SHA256',
        digits: 8,
        period: 30,
      },
    });

    expect(carol).toEqual({
      index: 2,
      account: 'carol',
      type: 'hotp',
      algorithm: 'SHA512',
      digits: 6,
      counter: 42,
      ok: true,
      fields: {
        secret:
          'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
        type: 'hotp',
        algorithm: 'SHA512',
        digits: 6,
        period: 30,
        counter: 42,
        account: 'carol',
      },
      secretWarning: null,
    });

    expect(legacy).toMatchObject({ index: 3, issuer: 'OldCorp', account: 'legacy', algorithm: 'MD5', ok: false });
    expect(legacy?.ok === false && legacy.error).toMatchObject({
      code: 'ERR_TOTP_INVALID',
      detail: { field: 'algorithm', index: 3 },
    });
    expect(legacy).not.toHaveProperty('fields');

    // All enums unspecified: SHA1, 6 digits, TOTP; issuer taken from "GitHub:dave".
    expect(dave).toMatchObject({
      index: 4,
      issuer: 'GitHub',
      account: 'dave',
      ok: true,
      fields: { secret: 'MRSWMYLVNR2HGZDFMZQXK3DUOM', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 },
    });

    expect(zoe).toMatchObject({
      index: 5,
      issuer: 'Bänk',
      account: 'Zoë ✓',
      type: 'hotp',
      digits: 8,
      counter: 1099511627776,
      ok: true,
      fields: { secret: 'OVXGSY3PMRSS25LONFRW6ZDFFV2W42LD', counter: 1099511627776, digits: 8 },
    });

    // A 5-byte key is weak but real services issue them: accepted, with a warning.
    expect(tiny).toMatchObject({ index: 6, issuer: 'Short', account: 'tiny', ok: true });
    expect(tiny?.ok && tiny.secretWarning).toMatch(/only 5 bytes/);
    expect(zoe?.ok && zoe.secretWarning).toBeNull();
  });

  it('imported accounts produce codes', () => {
    const alice = importMigrationUri(fixture).accounts[0];
    if (!alice?.ok) throw new Error('alice should import');
    expect(totpCode(alice.fields, 59_000)).toBe('287082'); // RFC 6238 seed
  });

  it('keeps secrets out of the preview of refused accounts', () => {
    const legacy = importMigrationUri(fixture).accounts[3];
    expect(JSON.stringify(legacy)).not.toMatch(/NVSDK|md5md5/);
  });

  it('accepts raw "+" and "/" in data that was not percent-encoded', () => {
    const base64 = decodeURIComponent(fixture.split('data=')[1]!);
    expect(base64).toMatch(/[+/]/);
    expect(importMigrationUri(`otpauth-migration://offline?data=${base64}`).accounts).toHaveLength(7);
  });

  it('refuses what is not a migration payload', () => {
    expect(catchLatchError(() => importMigrationUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')).code).toBe(
      'ERR_IMPORT_PARSE',
    );
    expect(catchLatchError(() => importMigrationUri('otpauth-migration://offline')).code).toBe('ERR_IMPORT_PARSE');
    expect(catchLatchError(() => importMigrationUri('otpauth-migration://offline?data=***')).code).toBe(
      'ERR_IMPORT_PARSE',
    );
    // A length prefix that runs past the end.
    const truncated = Buffer.from([0x0a, 0x40, 0x0a, 0x14]).toString('base64');
    expect(catchLatchError(() => importMigrationUri(`otpauth-migration://offline?data=${truncated}`)).code).toBe(
      'ERR_IMPORT_PARSE',
    );
    const empty = Buffer.from([0x10, 0x01]).toString('base64');
    expect(catchLatchError(() => importMigrationUri(`otpauth-migration://offline?data=${empty}`)).code).toBe(
      'ERR_IMPORT_PARSE',
    );
  });
});
