import { describe, expect, it } from 'vitest';
import { tokenFacts } from '../../../main/core/credentials/credential-status';
import { type Credential, OAuth2Fields } from '../../../main/core/model/credential';
import { TOKEN_EXPIRING_MS, tokenStatus } from '../../../main/core/model/token-status';

const NOW = Date.UTC(2026, 0, 1);
const oauth = (fields: Record<string, unknown>): Credential =>
  ({
    id: 'c',
    name: 'c',
    kind: 'oauth2',
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
    rotation: {},
    hosts: [],
    approvedOrigins: [],
    fields: OAuth2Fields.parse({ clientId: 'x', tokenEndpoint: 'https://as.example/token', ...fields }),
  }) as Credential;
const tokens = (expiresAt: number | undefined, refreshToken?: string) => ({
  tokens: { accessToken: 'a', tokenType: 'Bearer', obtainedAt: NOW - 1000, expiresAt, refreshToken },
});

describe('the one token status', () => {
  it('reads every state from the facts, with the text every screen shows', () => {
    const at = (c: Credential, now = NOW) => tokenStatus(tokenFacts(c), now);
    expect(at(oauth({}))).toEqual({ state: 'none', text: 'Signed out' });
    expect(at(oauth(tokens(NOW + 3_600_000)))).toEqual({ state: 'valid', text: 'Valid' });
    expect(at(oauth(tokens(NOW + TOKEN_EXPIRING_MS)))).toEqual({ state: 'expiring', text: 'Expiring' });
    expect(at(oauth(tokens(NOW - 1, 'rt')))).toEqual({ state: 'refreshable', text: 'Expired, renews on use' });
    // Client credentials are asked again: renewable without a refresh token.
    expect(at(oauth({ grant: 'client_credentials', ...tokens(NOW) })).state).toBe('refreshable');
    expect(at(oauth(tokens(NOW - 1)))).toEqual({ state: 'expired', text: 'Expired' });
    expect(at(oauth(tokens(undefined)))).toEqual({ state: 'no-expiry', text: 'No expiry' });
    // A credential without a token of its own.
    expect(tokenFacts({ ...oauth({}), kind: 'secret', fields: { value: 'v' } } as Credential)).toBeNull();
    expect(tokenStatus(null, NOW).state).toBe('none');
  });
});
