import { describe, expect, it } from 'vitest';
import { generatedSecret } from '../../../main/core/credentials/generated-secret';
import type { Credential } from '../../../main/core/model/credential';

const credential = (kind: Credential['kind'], fields: Record<string, unknown>) =>
  ({ id: 'c', name: 'x', kind, fields, createdAt: 0, updatedAt: 0, expiresAt: null, rotation: {} }) as Credential;

describe('generatedSecret', () => {
  it('draws 256 random bits for a shared secret, and a Base32 seed for TOTP', () => {
    const a = generatedSecret(credential('api-key', { value: 'old', header: 'X-Key' }), 'value');
    const b = generatedSecret(credential('api-key', { value: 'old', header: 'X-Key' }), 'value');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(generatedSecret(credential('jwt-signer', { algorithm: 'HS256', key: 'k' }), 'key')).toHaveLength(43);
    expect(generatedSecret(credential('totp', { secret: 'JBSWY3DPEHPK3PXP' }), 'secret')).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('refuses keys issued elsewhere or with a structure', () => {
    for (const [kind, fields, field] of [
      ['jwt-signer', { algorithm: 'RS256', key: 'pem' }, 'key'],
      ['aws-sigv4', { accessKeyId: 'A', secretAccessKey: 's' }, 'secretAccessKey'],
      ['oauth2', { clientSecret: 's' }, 'clientSecret'],
      ['api-key', { value: 'v' }, 'header'],
    ] as const)
      expect(() => generatedSecret(credential(kind, fields), field)).toThrow(
        expect.objectContaining({ code: 'ERR_BAD_INPUT' }),
      );
  });
});
