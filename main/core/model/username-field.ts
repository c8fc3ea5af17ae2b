import type { CredentialKind } from './credential';

/**
 * The field quick access copies as "username": the non-secret half of a credential that
 * has one (a login, a client id, an access key id). Kinds missing here have none.
 */
export const USERNAME_FIELD: Partial<Record<CredentialKind, string>> = {
  basic: 'username',
  digest: 'username',
  oauth2: 'clientId',
  hmac: 'keyId',
  'aws-sigv4': 'accessKeyId',
  totp: 'account',
};

/** What that field is called, for "Copy access key ID" and the "copied" message: never just "username" for a key. */
export const USERNAME_LABEL: Partial<Record<CredentialKind, string>> = {
  basic: 'Username',
  digest: 'Username',
  oauth2: 'Client ID',
  hmac: 'Key ID',
  'aws-sigv4': 'Access key ID',
  totp: 'Account',
};
