import { describe, expect, it } from 'vitest';
import { coerceFieldInput } from '../../../main/core/credentials/field-input';
import { LatchError } from '../../../main/core/model/errors';

describe('coerceFieldInput', () => {
  it('gives each field the type its schema wants', () => {
    expect(coerceFieldInput('totp', 'digits', '8')).toBe(8);
    expect(coerceFieldInput('jwt-signer', 'lifetimeSeconds', '600')).toBe(600);
    expect(coerceFieldInput('aws-sigv4', 'unsignedPayload', 'true')).toBe(true);
    expect(coerceFieldInput('aws-sigv4', 'unsignedPayload', 'no')).toBe(false);
    expect(coerceFieldInput('hmac', 'recipe', 'sign=method path; digest=sha1')).toBe('sign=method path; digest=sha1');
    expect(coerceFieldInput('secret', 'value', '1234')).toBe('1234');
    expect(coerceFieldInput('jwt-signer', 'algorithm', 'HS256')).toBe('HS256');
  });

  it('passes text nothing fits to validation, and refuses unknown fields', () => {
    expect(coerceFieldInput('totp', 'digits', 'eight')).toBe('eight');
    expect(() => coerceFieldInput('basic', 'token', 'x')).toThrow(LatchError);
    expect(() => coerceFieldInput('oauth2', 'tokens', '{}')).toThrow(LatchError);
  });
});
