import { describe, expect, it } from 'vitest';
import { buildOtpAuthUri, parseOtpAuthUri } from '../../../main/core/totp';
import { catchLatchError } from './helpers/catch-error';

const S = 'JBSWY3DPEHPK3PXP';

describe('parseOtpAuthUri', () => {
  it("reads Google's example with defaults for missing parameters", () => {
    expect(parseOtpAuthUri(`otpauth://totp/Example:alice@google.com?secret=${S}&issuer=Example`)).toEqual({
      fields: {
        secret: S,
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Example',
        account: 'alice@google.com',
      },
      issuerMismatch: false,
      secretWarning: null,
    });
  });

  it('reads every parameter, case-insensitively, with percent-encoding in the label and values', () => {
    const { fields } = parseOtpAuthUri(
      `OTPAUTH://TOTP/ACME%20Co%3A%20john.doe%40email.com?SECRET=${S.toLowerCase()}&issuer=ACME%20Co&algorithm=sha512&digits=8&period=60`,
    );
    expect(fields).toEqual({
      secret: S,
      type: 'totp',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      counter: 0,
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
    });
  });

  it('takes the issuer from the label when there is no parameter, and from the parameter when they disagree', () => {
    expect(parseOtpAuthUri(`otpauth://totp/GitHub:octocat?secret=${S}`).fields).toMatchObject({
      issuer: 'GitHub',
      account: 'octocat',
    });
    const conflict = parseOtpAuthUri(`otpauth://totp/Old%20Name:me?secret=${S}&issuer=New%20Name`);
    expect(conflict.fields).toMatchObject({ issuer: 'New Name', account: 'me' });
    expect(conflict.issuerMismatch).toBe(true);
  });

  it('accepts a label with no issuer and a link with no label', () => {
    expect(parseOtpAuthUri(`otpauth://totp/just-me?secret=${S}`).fields).toMatchObject({ account: 'just-me' });
    expect(parseOtpAuthUri(`otpauth://totp/just-me?secret=${S}`).fields.issuer).toBeUndefined();
    const bare = parseOtpAuthUri(`otpauth://totp?secret=${S}&issuer=Solo`).fields;
    expect(bare.issuer).toBe('Solo');
    expect(bare.account).toBeUndefined();
  });

  it('reads HOTP with its counter', () => {
    expect(parseOtpAuthUri(`otpauth://hotp/Corp:me?secret=${S}&counter=17&digits=8`).fields).toMatchObject({
      type: 'hotp',
      counter: 17,
      digits: 8,
    });
  });

  it('recognises Steam by encoder=steam or by issuer, fixing digits and period', () => {
    const a = parseOtpAuthUri(`otpauth://totp/Steam:gabe?secret=${S}&issuer=Steam&digits=5`).fields;
    expect(a).toMatchObject({
      type: 'steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
      issuer: 'Steam',
      account: 'gabe',
    });
    expect(parseOtpAuthUri(`otpauth://totp/gabe?secret=${S}&encoder=steam`).fields.type).toBe('steam');
    expect(parseOtpAuthUri(`otpauth://totp/steam:gabe?secret=${S}`).fields.type).toBe('steam');
  });

  it('ignores unknown parameters and a fragment', () => {
    expect(
      parseOtpAuthUri(`otpauth://totp/a?secret=${S}&image=https%3A%2F%2Fx&x-y=1&digits=8#frag`).fields.digits,
    ).toBe(8);
  });

  it.each([
    ['secret', `otpauth://totp/a?secret=${S}&issuer=X&secret=GEZDGNBVGY3TQOJQ`],
    ['issuer', `otpauth://totp/a?issuer=Bank&secret=${S}&issuer=Evil`],
    ['digits', `otpauth://totp/a?secret=${S}&digits=8&DIGITS=6`],
    ['counter', `otpauth://hotp/a?secret=${S}&counter=1&counter=%32`],
  ])('refuses a link that gives the %s parameter twice, naming it', (param, uri) => {
    const err = catchLatchError(() => parseOtpAuthUri(uri));
    expect(err.code).toBe('ERR_TOTP_INVALID');
    expect(err.detail).toMatchObject({ field: param });
    expect(err.message).toContain(`the ${param} parameter twice`);
    expect(err.message).not.toContain(S);
  });

  it('refuses a duplicated unknown parameter without echoing its name (it could be anything)', () => {
    const err = catchLatchError(() => parseOtpAuthUri(`otpauth://totp/a?secret=${S}&${S}=1&${S}=2`));
    expect(err.detail).toMatchObject({ field: 'uri' });
    expect(err.message).not.toContain(S);
    expect(err.message.toLowerCase()).not.toContain(S.toLowerCase());
  });

  it('accepts a key shorter than 10 bytes with a warning, and a normal one without', () => {
    const short = parseOtpAuthUri('otpauth://totp/Old:bob?secret=JBSWY3DP&issuer=Old'); // 5 bytes
    expect(short.fields.secret).toBe('JBSWY3DP');
    expect(short.secretWarning).toContain('only 5 bytes');
    expect(short.secretWarning).not.toContain('JBSWY3DP');
    expect(parseOtpAuthUri(`otpauth://totp/a?secret=${S}`).secretWarning).toBeNull();
  });

  const errors: [string, string, string][] = [
    ['wrong scheme', `https://example.com/?secret=${S}`, 'scheme'],
    ['no scheme', S, 'scheme'],
    ['migration link', 'otpauth-migration://offline?data=AAAA', 'scheme'],
    ['unknown type', `otpauth://motp/a?secret=${S}`, 'type'],
    ['missing secret', 'otpauth://totp/a?issuer=X', 'secret'],
    ['empty secret', 'otpauth://totp/a?secret=', 'secret'],
    ['bad secret', 'otpauth://totp/a?secret=JBSWY3DP0HPK3PXP', 'secret'],
    ['unknown algorithm', `otpauth://totp/a?secret=${S}&algorithm=MD5`, 'algorithm'],
    ['digits out of range', `otpauth://totp/a?secret=${S}&digits=10`, 'digits'],
    ['digits not a number', `otpauth://totp/a?secret=${S}&digits=six`, 'digits'],
    ['period zero', `otpauth://totp/a?secret=${S}&period=0`, 'period'],
    ['negative period', `otpauth://totp/a?secret=${S}&period=-30`, 'period'],
    ['hotp without counter', `otpauth://hotp/a?secret=${S}`, 'counter'],
    ['hotp with bad counter', `otpauth://hotp/a?secret=${S}&counter=1.5`, 'counter'],
    ['broken label encoding', `otpauth://totp/a%ZZ?secret=${S}`, 'label'],
  ];
  it.each(errors)('refuses %s with ERR_TOTP_INVALID naming the field', (_name, uri, field) => {
    const err = catchLatchError(() => parseOtpAuthUri(uri));
    expect(err.code).toBe('ERR_TOTP_INVALID');
    expect(err.detail).toMatchObject({ field });
    expect(err.message).not.toContain(S);
  });

  it('reports the bad character position inside the secret value', () => {
    expect(catchLatchError(() => parseOtpAuthUri('otpauth://totp/a?secret=JBSWY3DP0HPK3PXP')).detail).toMatchObject({
      position: 9,
    });
  });
});

describe('buildOtpAuthUri', () => {
  it('writes the Key-Uri-Format, leaving defaults out', () => {
    expect(buildOtpAuthUri({ secret: 'jbsw y3dp ehpk 3pxp', issuer: 'ACME Co', account: 'john@example.com' })).toBe(
      `otpauth://totp/ACME%20Co:john%40example.com?secret=${S}&issuer=ACME%20Co`,
    );
    expect(
      buildOtpAuthUri({ secret: S, type: 'hotp', counter: 5, algorithm: 'SHA256', digits: 8, account: 'me' }),
    ).toBe(`otpauth://hotp/me?secret=${S}&algorithm=SHA256&digits=8&counter=5`);
    expect(buildOtpAuthUri({ secret: S, type: 'steam', account: 'gabe' })).toBe(
      `otpauth://totp/Steam:gabe?secret=${S}&issuer=Steam&encoder=steam`,
    );
  });

  it('round-trips through parse, including awkward characters', () => {
    const inputs = [
      {
        secret: S,
        type: 'totp',
        algorithm: 'SHA512',
        digits: 7,
        period: 45,
        counter: 0,
        issuer: 'A:B & C',
        account: 'x@y?z#1',
      },
      {
        secret: S,
        type: 'hotp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 99,
        issuer: 'Bänk ✓',
        account: 'Zoë',
      },
      {
        secret: S,
        type: 'steam',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
        issuer: 'Steam',
        account: 'gabe',
      },
      { secret: S, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, account: 'plus+sign' },
    ] as const;
    for (const fields of inputs) {
      expect(parseOtpAuthUri(buildOtpAuthUri(fields)).fields).toEqual(fields);
    }
  });

  it('refuses a link with neither account nor issuer, and bad digits', () => {
    expect(catchLatchError(() => buildOtpAuthUri({ secret: S })).code).toBe('ERR_TOTP_INVALID');
    expect(catchLatchError(() => buildOtpAuthUri({ secret: S, account: 'a', digits: 4 })).code).toBe(
      'ERR_TOTP_INVALID',
    );
  });
});
