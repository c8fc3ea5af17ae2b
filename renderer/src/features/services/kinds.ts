/**
 * What the credential form shows per kind. Field names are the model's
 * (main/core/model/credential.ts) so an error's `detail.field` lands under the right input.
 */
import {
  CLIENT_AUTH_METHODS,
  type CredentialKind,
  HMAC_PRESETS,
  JWT_ALGORITHMS,
  OAUTH_GRANTS,
} from '../../../../preload/contract';

export type FieldType = 'text' | 'secret' | 'textarea' | 'secret-textarea' | 'select' | 'number' | 'checkbox';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
  /** Height of a textarea, in lines. */
  rows?: number;
  /** Initial value when adding. */
  initial?: string;
  mono?: boolean;
  /** Takes the form's full width (a key the user must be able to check after pasting). */
  wide?: boolean;
}

export const KIND_LABELS: Record<CredentialKind, string> = {
  'api-key': 'API key',
  basic: 'Basic auth',
  digest: 'Digest auth',
  bearer: 'Bearer token',
  oauth2: 'OAuth 2.0 client',
  'jwt-signer': 'JWT signer',
  hmac: 'HMAC signing',
  'aws-sigv4': 'AWS SigV4',
  totp: 'One-time codes (TOTP)',
  secret: 'Secret value',
};

/** The api-key placement is one pseudo-field in the form and one of header/query/body in the model. */
export const API_KEY_PLACEMENTS = ['header', 'query', 'body'] as const;

const userPassword: FieldSpec[] = [
  { name: 'username', label: 'Username', type: 'text', required: true },
  { name: 'password', label: 'Password', type: 'secret', required: true },
];

export const KIND_FIELDS: Record<CredentialKind, FieldSpec[]> = {
  'api-key': [
    { name: 'value', label: 'Key', type: 'secret', required: true, mono: true, wide: true },
    { name: 'placement', label: 'Sent in', type: 'select', options: API_KEY_PLACEMENTS, initial: 'header' },
    {
      name: 'paramName',
      label: 'Header or parameter name',
      type: 'text',
      required: true,
      initial: 'Authorization',
      mono: true,
    },
    { name: 'prefix', label: 'Prefix', type: 'text', placeholder: 'e.g. "Bearer "', mono: true },
  ],
  basic: userPassword,
  digest: userPassword,
  bearer: [{ name: 'token', label: 'Token', type: 'secret', required: true, mono: true }],
  oauth2: [
    { name: 'provider', label: 'Provider', type: 'text', placeholder: 'custom' },
    {
      name: 'issuer',
      label: 'Issuer URL',
      type: 'text',
      placeholder: 'https://login.example.com',
      hint: 'Endpoints are discovered here, and a sign-in must come back from this issuer (a Keycloak realm: …/realms/NAME). Empty: the endpoints below, and the issuer is not checked.',
      mono: true,
    },
    { name: 'authorizationEndpoint', label: 'Authorization endpoint', type: 'text', mono: true },
    { name: 'tokenEndpoint', label: 'Token endpoint', type: 'text', mono: true },
    { name: 'deviceAuthorizationEndpoint', label: 'Device authorization endpoint', type: 'text', mono: true },
    { name: 'revocationEndpoint', label: 'Revocation endpoint', type: 'text', mono: true },
    { name: 'clientId', label: 'Client ID', type: 'text', required: true, mono: true },
    { name: 'clientSecret', label: 'Client secret', type: 'secret', mono: true },
    { name: 'clientPrivateKey', label: 'Client private key (PEM or JWK)', type: 'secret-textarea', mono: true },
    {
      name: 'clientAuth',
      label: 'Client authentication',
      type: 'select',
      options: CLIENT_AUTH_METHODS,
      initial: 'none',
    },
    { name: 'scopes', label: 'Scopes', type: 'text', placeholder: 'openid profile', mono: true },
    { name: 'grant', label: 'Grant', type: 'select', options: OAUTH_GRANTS, initial: 'authorization_code' },
    {
      name: 'audience',
      label: 'Audience',
      type: 'text',
      placeholder: 'https://api.example.com',
      hint: "Auth0: the API's identifier. Sent with the authorization and token requests.",
      mono: true,
    },
    {
      name: 'resource',
      label: 'Resource (RFC 8707)',
      type: 'text',
      placeholder: 'https://api.example.com/',
      hint: 'Azure AD v1 and other servers that name the API by a resource indicator.',
      mono: true,
    },
    {
      name: 'extraParams',
      label: 'Extra parameters',
      type: 'text',
      placeholder: 'prompt=consent&access_type=offline',
      hint: 'Other name=value pairs for the authorization and token requests, joined by &.',
      mono: true,
    },
    {
      name: 'redirectUri',
      label: 'Redirect URI',
      type: 'text',
      hint: 'Empty: a free port on 127.0.0.1.',
      mono: true,
    },
  ],
  'jwt-signer': [
    { name: 'algorithm', label: 'Algorithm', type: 'select', options: JWT_ALGORITHMS, initial: 'RS256' },
    {
      name: 'key',
      label: 'Signing key',
      type: 'secret-textarea',
      required: true,
      hint: 'HS*: the shared secret as text. Others: a PEM or JWK private key.',
      mono: true,
    },
    { name: 'issuer', label: 'Issuer (iss)', type: 'text' },
    { name: 'subject', label: 'Subject (sub)', type: 'text' },
    { name: 'audience', label: 'Audience (aud)', type: 'text' },
    { name: 'lifetimeSeconds', label: 'Lifetime (seconds)', type: 'number', initial: '300' },
    { name: 'keyId', label: 'Key ID (kid)', type: 'text', mono: true },
    {
      name: 'claims',
      label: 'Extra claims (JSON object)',
      type: 'textarea',
      placeholder: '{"scope": "read"}',
      mono: true,
    },
  ],
  hmac: [
    {
      name: 'keyId',
      label: 'Key ID / API key',
      type: 'text',
      mono: true,
      hint: 'Sent where the recipe says (key-id=).',
    },
    { name: 'secret', label: 'Secret', type: 'secret', required: true, mono: true },
    { name: 'preset', label: 'Preset', type: 'select', options: HMAC_PRESETS, initial: 'timestamp-headers' },
    {
      name: 'recipe',
      label: 'Recipe',
      type: 'textarea',
      mono: true,
      rows: 7,
      hint: 'One key=value per line (docs/credentials.md). Choosing a preset fills it in; edit it to fit your API.',
    },
  ],
  'aws-sigv4': [
    { name: 'accessKeyId', label: 'Access key ID', type: 'text', required: true, mono: true },
    { name: 'secretAccessKey', label: 'Secret access key', type: 'secret', required: true, mono: true },
    { name: 'sessionToken', label: 'Session token', type: 'secret', mono: true },
    { name: 'region', label: 'Region', type: 'text', required: true, placeholder: 'eu-west-1', mono: true },
    { name: 'service', label: 'AWS service', type: 'text', required: true, placeholder: 's3', mono: true },
    { name: 'unsignedPayload', label: 'Unsigned payload', type: 'checkbox' },
  ],
  totp: [
    {
      name: 'secret',
      label: 'Secret key (Base32)',
      type: 'secret',
      required: true,
      mono: true,
      hint: 'Spaces and lower case are fine.',
    },
    { name: 'type', label: 'Type', type: 'select', options: ['totp', 'hotp', 'steam'], initial: 'totp' },
    { name: 'algorithm', label: 'Hash', type: 'select', options: ['SHA1', 'SHA256', 'SHA512'], initial: 'SHA1' },
    { name: 'digits', label: 'Digits', type: 'number', initial: '6' },
    { name: 'period', label: 'Period (seconds)', type: 'number', initial: '30' },
    { name: 'issuer', label: 'Issuer', type: 'text' },
    { name: 'account', label: 'Account', type: 'text' },
  ],
  secret: [
    { name: 'name', label: 'Variable name', type: 'text', required: true, placeholder: 'DATABASE_URL', mono: true },
    { name: 'value', label: 'Value', type: 'secret', required: true, mono: true },
  ],
};

export const isSecretType = (t: FieldType) => t === 'secret' || t === 'secret-textarea';
