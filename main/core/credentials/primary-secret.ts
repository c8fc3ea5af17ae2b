import {
  type Credential,
  CredentialFieldsByKind,
  type CredentialKind,
  PRIMARY_FIELD,
  SECRET_FIELDS,
} from '../model/credential';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import type { Located } from './service-store';

export interface ReadSecretDeps {
  clock: Clock;
  /**
   * OAuth 2.0: the access token to hand out, e.g. refreshed first when it is about to expire.
   * Without it the stored token is returned as is.
   */
  getAccessToken?: (located: Located) => Promise<string>;
}

/** Values computed from a credential rather than stored as such. */
const DERIVED: Partial<Record<CredentialKind, readonly string[]>> = {
  totp: ['code'],
  oauth2: ['accessToken', 'refreshToken', 'idToken'],
  'jwt-signer': ['token'],
};

/** The field names `latch get` accepts for a kind: stored fields, then derived ones. */
export function readableFields(kind: CredentialKind): string[] {
  const stored = Object.keys(CredentialFieldsByKind[kind].shape).filter((f) => !(kind === 'oauth2' && f === 'tokens'));
  return [...stored, ...(DERIVED[kind] ?? [])];
}

/**
 * Whether a field's value is a secret: a secret field of the kind, a value derived from one
 * (a TOTP code, an OAuth token, a minted JWT), or a previous value of one. `latch exec` masks these.
 */
export function isSecretField(kind: CredentialKind, field: string): boolean {
  const name = field.startsWith('previous.') ? field.slice('previous.'.length) : field;
  return SECRET_FIELDS[kind].includes(name) || (DERIVED[kind] ?? []).includes(name);
}

function noSuchField(c: Credential, field: string): LatchError {
  return new LatchError(
    'ERR_NOT_FOUND',
    `A ${c.kind} credential has no field "${field}". Fields: ${readableFields(c.kind).join(', ')} (and previous.<field> after a rotation).`,
    { detail: { field, kind: c.kind } },
  );
}

function notSet(c: Credential, field: string): LatchError {
  return new LatchError('ERR_NOT_FOUND', `The field "${field}" of "${c.name}" is empty.`, {
    detail: { field, kind: c.kind },
  });
}

/**
 * The value of one field, as `latch get`, copy and reveal hand it out: a stored field as text;
 * a TOTP `code` (the current one; HOTP: the code for the stored counter, which is not advanced
 * here); an OAuth `accessToken` (via deps.getAccessToken when given); a freshly signed JWT for
 * a signer's `token`; `previous.<field>` while a rotation's grace period lasts.
 */
export async function readSecretField(located: Located, field: string | null, deps: ReadSecretDeps): Promise<string> {
  const c = located.credential;
  const name = field ?? PRIMARY_FIELD[c.kind];
  const now = deps.clock.now();

  if (name.startsWith('previous.')) {
    const inner = name.slice('previous.'.length);
    if (!readableFields(c.kind).includes(inner)) throw noSuchField(c, inner);
    const value = c.rotation.previous?.[inner];
    if (value === undefined || (c.rotation.previousUntil ?? 0) <= now) {
      throw new LatchError(
        'ERR_NOT_FOUND',
        `"${c.name}" has no previous ${inner}: it was not rotated, or the grace period is over.`,
        { detail: { field: name, kind: c.kind } },
      );
    }
    return value;
  }

  // otplib and jose load only for the kinds that need them: the command line starts on every `latch get`.
  if (c.kind === 'totp' && name === 'code') return (await import('../totp/live-code')).liveCode(c.fields, now).code;
  if (c.kind === 'jwt-signer' && name === 'token') {
    const { signWithJwtSigner } = await import('../jwt/sign');
    return (await signWithJwtSigner(c.fields, { clock: deps.clock })).token;
  }
  if (c.kind === 'oauth2' && (name === 'accessToken' || name === 'refreshToken' || name === 'idToken')) {
    if (name === 'accessToken' && deps.getAccessToken) return deps.getAccessToken(located);
    const value = c.fields.tokens?.[name];
    if (value === undefined || value === '') {
      if (name === 'accessToken') {
        throw new LatchError(
          'ERR_OAUTH_LOGIN_REQUIRED',
          `"${c.name}" holds no access token yet: sign in (or run its flow) in Latch first.`,
          { detail: { field: name } },
        );
      }
      throw notSet(c, name);
    }
    return value;
  }

  if (!readableFields(c.kind).includes(name)) throw noSuchField(c, name);
  const value = (c.fields as Record<string, unknown>)[name];
  if (value === undefined || value === '') throw notSet(c, name);
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw noSuchField(c, name);
}
