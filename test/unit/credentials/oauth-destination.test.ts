import { describe, expect, it } from 'vitest';
import { guardOAuthDestination } from '../../../main/core/credentials/oauth-destination';
import { OAuth2Fields } from '../../../main/core/model/credential';

const tokens = { accessToken: 'at', refreshToken: 'rt', tokenType: 'Bearer', obtainedAt: 1 };
const before = OAuth2Fields.parse({
  clientId: 'app',
  clientSecret: 'secret',
  clientAuth: 'client_secret_basic',
  tokenEndpoint: 'https://idp.example/token',
  tokens,
});

describe('an edit that moves an OAuth credential', () => {
  it('keeps the tokens when no endpoint moved (a new name, new scopes)', () => {
    const after = { ...before, scopes: 'read write' };
    expect(guardOAuthDestination(before, after, false).tokens).toEqual(tokens);
  });

  for (const field of [
    'issuer',
    'authorizationEndpoint',
    'tokenEndpoint',
    'deviceAuthorizationEndpoint',
    'revocationEndpoint',
  ] as const) {
    it(`drops the tokens and wants the client secret again when ${field} changes`, () => {
      const after = { ...before, [field]: 'https://other.example/x' };
      expect(() => guardOAuthDestination(before, after, false)).toThrow(
        expect.objectContaining({ code: 'ERR_BAD_INPUT', detail: { field: 'clientSecret' } }),
      );
      const moved = guardOAuthDestination(before, { ...after, clientSecret: 'typed again' }, true);
      expect(moved.tokens).toBeUndefined();
      expect(moved[field]).toBe('https://other.example/x');
    });
  }

  it('a public client (no secret) moves without a secret; its tokens stay behind', () => {
    const { clientSecret: _s, ...publicClient } = before;
    const pub = { ...publicClient, clientAuth: 'none' as const };
    const moved = guardOAuthDestination(pub, { ...pub, tokenEndpoint: 'https://other.example/token' }, false);
    expect(moved.tokens).toBeUndefined();
  });
});
