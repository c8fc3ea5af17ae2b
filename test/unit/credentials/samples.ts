import { generateKeyPairSync } from 'node:crypto';
import type { CredentialKind } from '../../../main/core/model/credential';

const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** One good set of fields per kind, as a user would enter them. */
export const GOOD: Record<CredentialKind, Record<string, unknown>> = {
  'api-key': { value: 'sk_live_abc123', header: 'Authorization', prefix: 'Bearer ' },
  basic: { username: 'alice', password: 'correct horse' },
  digest: { username: 'bob', password: 'battery staple' },
  bearer: { token: 'opaque-token-123' },
  oauth2: {
    clientId: 'client-1',
    tokenEndpoint: 'https://auth.example.com/token',
    grant: 'client_credentials',
    clientAuth: 'client_secret_basic',
    clientSecret: 's3cret',
  },
  'jwt-signer': { algorithm: 'ES256', key: ecKey, issuer: 'svc@example.com', audience: 'https://api.example.com' },
  hmac: { keyId: 'key-1', secret: 'hmac-secret-value' },
  'aws-sigv4': {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    service: 's3',
  },
  totp: { secret: 'jbsw y3dp ehpk 3pxp' },
  secret: { name: 'DATABASE_URL', value: 'postgres://u:p@localhost/db' },
};

/** One bad set per kind, with the field the error must name. */
export const BAD: Record<CredentialKind, { fields: Record<string, unknown>; field: string }> = {
  'api-key': { fields: { value: 'k', header: 'X-Key', query: 'key' }, field: 'header' },
  basic: { fields: { username: '', password: 'x' }, field: 'username' },
  digest: { fields: { username: 'u' }, field: 'password' },
  bearer: { fields: { token: '   ' }, field: 'token' },
  oauth2: { fields: { clientId: 'c', tokenEndpoint: 'ftp://x' }, field: 'tokenEndpoint' },
  'jwt-signer': {
    fields: { algorithm: 'RS256', key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' },
    field: 'key',
  },
  hmac: { fields: { secret: 'x', preset: 'custom', recipe: 'digest=md5; sign=method' }, field: 'recipe' },
  'aws-sigv4': { fields: { accessKeyId: 'A', secretAccessKey: 'B', region: '', service: 's3' }, field: 'region' },
  totp: { fields: { secret: 'JBSWY3DP1HPK3PXP' }, field: 'secret' },
  secret: { fields: { name: 'X' }, field: 'value' },
};
