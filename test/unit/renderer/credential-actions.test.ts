import { describe, expect, it } from 'vitest';
import { CREDENTIAL_KINDS } from '../../../preload/contract';
import { KIND_ACTIONS, offers } from '../../../renderer/src/features/services/credential-actions';

describe('credential actions per kind', () => {
  it('offers Rotate only where a stored secret can be replaced', () => {
    const rotating = CREDENTIAL_KINDS.filter((k) => offers(k, 'rotate'));
    expect(rotating).not.toContain('totp');
    expect(rotating).not.toContain('oauth2');
    expect(rotating).toEqual(
      expect.arrayContaining(['api-key', 'basic', 'digest', 'bearer', 'jwt-signer', 'hmac', 'aws-sigv4', 'secret']),
    );
  });

  it('has no env line for a code that is stale before a process reads it', () => {
    expect(offers('totp', 'copy-env')).toBe(false);
    expect(offers('oauth2', 'copy-env')).toBe(true);
  });

  it('lets every kind be edited, deleted and referenced, each action once', () => {
    for (const kind of CREDENTIAL_KINDS) {
      expect(KIND_ACTIONS[kind]).toEqual(expect.arrayContaining(['edit', 'delete', 'copy-reference']));
      expect(new Set(KIND_ACTIONS[kind]).size).toBe(KIND_ACTIONS[kind].length);
    }
  });
});
