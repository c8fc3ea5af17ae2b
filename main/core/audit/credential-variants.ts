import type { RequestAuth } from '../http/auth/apply';
import { SECRET_FIELDS } from '../model/credential';

/** Changes one character in the middle: still well-formed, surely wrong. */
export function changeOneByte(s: string): string {
  const i = Math.floor(s.length / 2);
  const c = s[i] ?? 'a';
  const swapped = /[0-9]/.test(c)
    ? String((Number(c) + 1) % 10)
    : c === 'A'
      ? 'B'
      : c === 'a'
        ? 'b'
        : /[A-Z]/.test(c)
          ? 'A'
          : 'a';
  return s.slice(0, i) + swapped + s.slice(i + 1);
}

/** The same credential with one byte of its secret changed; null where that cannot be done without breaking its format. */
export function wrongCredential(auth: RequestAuth): RequestAuth | null {
  switch (auth.kind) {
    case 'api-key':
      return { kind: 'api-key', fields: { ...auth.fields, value: changeOneByte(auth.fields.value) } };
    case 'basic':
    case 'digest':
      return {
        kind: auth.kind,
        fields: { ...auth.fields, password: changeOneByte(auth.fields.password) },
      } as RequestAuth;
    case 'bearer':
      return { kind: 'bearer', fields: { token: changeOneByte(auth.fields.token) } };
    case 'oauth2': {
      const token = auth.fields.tokens?.accessToken;
      return token ? { kind: 'bearer', fields: { token: changeOneByte(token) } } : null;
    }
    case 'jwt-signer':
      return auth.fields.algorithm.startsWith('HS')
        ? { kind: 'jwt-signer', fields: { ...auth.fields, key: changeOneByte(auth.fields.key) } }
        : null;
    case 'hmac':
      return { kind: 'hmac', fields: { ...auth.fields, secret: changeOneByte(auth.fields.secret) } };
    case 'aws-sigv4':
      return {
        kind: 'aws-sigv4',
        fields: { ...auth.fields, secretAccessKey: changeOneByte(auth.fields.secretAccessKey) },
      };
    default:
      return null;
  }
}

/**
 * Where the credential would go as a query parameter, for the "accepted in the query string" probe:
 * RFC 6750 §2.3's access_token for bearer tokens, the common api_key for header keys.
 */
export function queryVariant(auth: RequestAuth): { param: string; value: string } | null {
  if (auth.kind === 'bearer') return { param: 'access_token', value: auth.fields.token };
  if (auth.kind === 'oauth2' && auth.fields.tokens)
    return { param: 'access_token', value: auth.fields.tokens.accessToken };
  if (auth.kind === 'api-key' && auth.fields.header !== undefined)
    return { param: 'api_key', value: auth.fields.value };
  return null;
}

/** Every secret string the credential holds, so a report can be scrubbed of any echo of them. */
export function secretValues(auth: RequestAuth | null): string[] {
  if (!auth) return [];
  const fields = auth.fields as Record<string, unknown>;
  const out = SECRET_FIELDS[auth.kind].map((f) => fields[f]).filter((v): v is string => typeof v === 'string');
  if (auth.kind === 'oauth2' && auth.fields.tokens) {
    const t = auth.fields.tokens;
    out.push(...[t.accessToken, t.refreshToken, t.idToken].filter((v): v is string => typeof v === 'string'));
  }
  if (auth.kind === 'basic')
    out.push(Buffer.from(`${auth.fields.username}:${auth.fields.password}`).toString('base64'));
  // The forms a server may echo them in: as sent in a URL, too.
  const all = [...out, ...out.map(encodeURIComponent)];
  // Very short values would redact ordinary words; they are not worth an attacker's time either.
  return [...new Set(all)].filter((v) => v.length >= 4);
}
