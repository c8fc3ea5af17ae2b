import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, createPkce } from '../../../main/core/oauth';

describe('PKCE (RFC 7636)', () => {
  it('matches the Appendix B test vector', async () => {
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers from 32 random bytes (43 unreserved characters), never twice the same', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('uses S256 only', async () => {
    const pkce = await createPkce();
    expect(pkce.method).toBe('S256');
    expect(pkce.challenge).toBe(await codeChallengeS256(pkce.verifier));
  });

  it('refuses a verifier outside the RFC shape', async () => {
    await expect(codeChallengeS256('short')).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    await expect(codeChallengeS256(`${'a'.repeat(42)}!`)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
  });
});
