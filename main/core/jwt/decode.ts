import * as base64url from 'jose/base64url';
import { jwtError } from './reasons';

export interface DecodedJwt {
  header: Record<string, unknown>;
  /** The payload as JSON; JWTs always carry a JSON object. */
  claims: Record<string, unknown>;
  /** base64url of the signature; '' for alg "none". */
  signature: string;
  /** Unix milliseconds read from iat / nbf / exp, null when absent or not a number. */
  issuedAt: number | null;
  notBefore: number | null;
  expiresAt: number | null;
}

/** Accepts what people paste: surrounding spaces, quotes, a "Bearer " prefix. */
export function normaliseToken(input: string): string {
  let t = input.trim();
  if (/^bearer\s+/i.test(t)) t = t.replace(/^bearer\s+/i, '');
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) t = t.slice(1, -1);
  return t.trim();
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function part(segment: string, name: 'header' | 'payload'): Record<string, unknown> {
  if (segment.length === 0) throw jwtError('malformed', `The ${name} part is empty.`, { part: name });
  if (!B64URL.test(segment)) {
    throw jwtError('malformed', `The ${name} part is not base64url (it holds characters other than A-Z a-z 0-9 - _).`, {
      part: name,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(segment));
  } catch {
    throw jwtError('malformed', `The ${name} part does not decode to UTF-8 text.`, { part: name });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jwtError('malformed', `The ${name} part is not JSON.`, { part: name });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw jwtError('malformed', `The ${name} part is JSON but not an object.`, { part: name });
  }
  return value as Record<string, unknown>;
}

const ms = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v * 1000 : null);

/** Reads a compact JWS without verifying it. Never trust what this returns. */
export function decodeJwt(token: string): DecodedJwt {
  const t = normaliseToken(token);
  if (t.length === 0) throw jwtError('malformed', 'The token is empty.');
  const segments = t.split('.');
  if (segments.length === 5) {
    throw jwtError(
      'malformed',
      'This is an encrypted JWT (JWE, five parts); it cannot be read without the decryption key.',
      {
        parts: 5,
      },
    );
  }
  if (segments.length !== 3) {
    throw jwtError('malformed', `A JWT has three parts separated by dots; this has ${segments.length}.`, {
      parts: segments.length,
    });
  }
  const [h, p, s] = segments as [string, string, string];
  const header = part(h, 'header');
  if (typeof header.alg !== 'string') throw jwtError('malformed', 'The header has no "alg".', { part: 'header' });
  const claims = part(p, 'payload');
  if (!B64URL.test(s)) throw jwtError('malformed', 'The signature part is not base64url.', { part: 'signature' });
  return {
    header,
    claims,
    signature: s,
    issuedAt: ms(claims.iat),
    notBefore: ms(claims.nbf),
    expiresAt: ms(claims.exp),
  };
}
