/**
 * PKCE (RFC 7636), S256 only: "plain" gives no protection when the authorization request can be
 * observed, and every provider Latch targets supports S256.
 */
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** 32 random bytes, base64url: 43 characters, 256 bits of entropy (RFC 7636 §7.1). */
export function createCodeVerifier(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

export async function codeChallengeS256(verifier: string): Promise<string> {
  if (!VERIFIER.test(verifier)) {
    throw new LatchError('ERR_BAD_INPUT', 'A PKCE code verifier must be 43 to 128 URL-safe characters.');
  }
  return oauth.calculatePKCECodeChallenge(verifier);
}

export async function createPkce(): Promise<Pkce> {
  const verifier = createCodeVerifier();
  return { verifier, challenge: await codeChallengeS256(verifier), method: 'S256' };
}
