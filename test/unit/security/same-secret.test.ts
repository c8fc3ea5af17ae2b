import { describe, expect, it } from 'vitest';
import { heldSecrets } from '../../../main/core/credentials/held-secrets';
import type { Credential } from '../../../main/core/model/credential';
import { sameSecret } from '../../../main/core/security/same-secret';

describe('sameSecret', () => {
  it('equal secrets are the same; any other length or byte is not; absent equals absent only', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cret', 's3cre')).toBe(false);
    expect(sameSecret('s3cret', 's3cret ')).toBe(false);
    expect(sameSecret('s3cret', 'S3cret')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret(undefined, undefined)).toBe(true);
    expect(sameSecret(undefined, '')).toBe(false);
  });
});

describe('heldSecrets', () => {
  const base = { id: 'c', name: 'n', createdAt: 0, updatedAt: 0, expiresAt: null, hosts: [], approvedOrigins: [] };
  it('an OAuth client: its secret and every token of its set; a rotated credential: the value kept through the grace period', () => {
    const oauth = {
      ...base,
      kind: 'oauth2',
      rotation: {},
      fields: {
        clientId: 'public-id',
        clientSecret: 'cs',
        tokens: { accessToken: 'at', refreshToken: 'rt', idToken: 'idt', tokenType: 'Bearer', obtainedAt: 0 },
      },
    } as unknown as Credential;
    expect(heldSecrets(oauth).sort()).toEqual(['at', 'cs', 'idt', 'rt']);
    const rotated = {
      ...base,
      kind: 'basic',
      rotation: { previous: { password: 'old' }, previousUntil: 1 },
      fields: { username: 'u', password: 'new' },
    } as unknown as Credential;
    expect(heldSecrets(rotated).sort()).toEqual(['new', 'old']);
  });
});
