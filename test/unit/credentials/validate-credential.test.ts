import { describe, expect, it } from 'vitest';
import { validateCredentialFields } from '../../../main/core/credentials/validate-credential';
import { CREDENTIAL_KINDS } from '../../../main/core/model/credential';
import { LatchError } from '../../../main/core/model/errors';
import { BAD, GOOD } from './samples';

describe('validateCredentialFields', () => {
  it.each(CREDENTIAL_KINDS)('accepts good %s fields', (kind) => {
    expect(() => validateCredentialFields(kind, GOOD[kind])).not.toThrow();
  });

  it.each(CREDENTIAL_KINDS)('refuses bad %s fields, naming the field and not the value', (kind) => {
    const { fields, field } = BAD[kind];
    let error: unknown;
    try {
      validateCredentialFields(kind, fields);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LatchError);
    expect((error as LatchError).code).toBe('ERR_BAD_INPUT');
    expect((error as LatchError).detail?.field).toBe(field);
    for (const v of Object.values(fields))
      if (typeof v === 'string' && v.length > 6) expect((error as LatchError).message).not.toContain(v);
  });

  it('normalises a TOTP secret and fills defaults', () => {
    expect(validateCredentialFields('totp', { secret: 'jbsw y3dp ehpk 3pxp' })).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('says where a bad Base32 character is', () => {
    try {
      validateCredentialFields('totp', { secret: 'JBSWY3DP1HPK3PXP' });
      expect.unreachable();
    } catch (e) {
      expect((e as LatchError).detail).toMatchObject({ field: 'secret', position: 9 });
    }
  });
});
