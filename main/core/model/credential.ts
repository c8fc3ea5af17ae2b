import { z } from 'zod';
import { HostBindingFields } from './host-binding';
import { SavedBy } from './saved-by';
import {
  effectiveRecipeText,
  HMAC_PRESETS,
  migrateLegacyHmacFields,
  presetMismatch,
  recipeProblem,
} from './signing-recipe';

/**
 * The credential union: one variant per kind, each validated on entry.
 * Kind names and field names are the ones used on the command line and in files
 * (docs/credentials.md). Secret fields are listed per kind in SECRET_FIELDS so the
 * index (names, kinds, tags) never carries them.
 */
export const CREDENTIAL_KINDS = [
  'api-key',
  'basic',
  'digest',
  'bearer',
  'oauth2',
  'jwt-signer',
  'hmac',
  'aws-sigv4',
  'totp',
  'secret',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Names, labels and identifiers: pasted whitespace around them is never meant. */
const nonEmpty = (what: string) => z.string().trim().min(1, `${what} is required`);
/**
 * Secrets are stored byte for byte as given: a password or HMAC key may begin or end with a
 * space, and trimming it would silently make a different secret. Only an empty one (or one of
 * spaces alone, which no service issues) is refused.
 */
const secretText = (what: string) => z.string().refine((s) => s.trim() !== '', `${what} is required`);
const httpUrl = (what: string) =>
  z.string().refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, `${what} must be an http(s) URL such as https://api.example.com`);
const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name may hold letters, digits and - only');

export const ApiKeyFields = z
  .object({
    value: secretText('value'),
    header: headerName.optional(),
    query: z.string().min(1).optional(),
    body: z.string().min(1).optional(),
    prefix: z.string().optional(),
  })
  .refine((f) => [f.header, f.query, f.body].filter((x) => x !== undefined).length === 1, {
    message: 'say where the key goes: exactly one of header, query or body',
    path: ['header'],
  });

export const UserPasswordFields = z.object({
  username: nonEmpty('username'),
  password: secretText('password'),
});

/**
 * A Basic credential may carry the OAuth refresh token that came with a password which is an OAuth access token
 * (git's `oauth_refresh_token`, kept by `latch git-credential store` and answered on `get`, as git-credential(1)
 * asks of a storage helper). Latch does not refresh with it: it has no client to refresh for.
 */
export const BasicFields = UserPasswordFields.extend({ oauthRefreshToken: z.string().min(1).optional() });

export const BearerFields = z.object({ token: secretText('token') });

export const OAUTH_GRANTS = ['authorization_code', 'client_credentials', 'device_code', 'implicit'] as const;
export const CLIENT_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;

export const TokenSet = z.object({
  accessToken: z.string().min(1),
  tokenType: z.string().default('Bearer'),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
  scope: z.string().optional(),
  /** Unix milliseconds. */
  expiresAt: z.number().optional(),
  obtainedAt: z.number(),
});
export type TokenSet = z.infer<typeof TokenSet>;

/** Parameters the OAuth flows set themselves: an extra parameter must not replace one. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'redirect_uri',
  'response_type',
  'response_mode',
  'state',
  'nonce',
  'code',
  'code_challenge',
  'code_challenge_method',
  'code_verifier',
  'grant_type',
  'refresh_token',
  'device_code',
  'scope',
  'token',
  'token_type_hint',
]);

export const OAuth2Fields = z.object({
  provider: z.string().default('custom'),
  issuer: httpUrl('issuer').optional(),
  authorizationEndpoint: httpUrl('authorization endpoint').optional(),
  tokenEndpoint: httpUrl('token endpoint').optional(),
  deviceAuthorizationEndpoint: httpUrl('device authorization endpoint').optional(),
  revocationEndpoint: httpUrl('revocation endpoint').optional(),
  clientId: nonEmpty('client id'),
  clientSecret: z.string().optional(),
  /** PEM or JWK JSON of the private key for private_key_jwt. */
  clientPrivateKey: z.string().optional(),
  clientAuth: z.enum(CLIENT_AUTH_METHODS).default('none'),
  scopes: z.string().default(''),
  grant: z.enum(OAUTH_GRANTS).default('authorization_code'),
  /** Empty: a free port on 127.0.0.1. Otherwise the registered redirect, e.g. http://localhost:8080/callback */
  redirectUri: z.string().default(''),
  /** Sent with the authorization and token requests: Auth0's API identifier. */
  audience: z.string().max(2000).optional(),
  /** RFC 8707 resource indicator (Azure AD v1, oidc-provider): an absolute URI. */
  resource: httpUrl('resource').optional(),
  /** Other parameters for the authorization and token requests, as a query string: a=1&b=2. */
  extraParams: z
    .string()
    .max(4000)
    .refine(
      (s) =>
        [...new URLSearchParams(s).keys()].every((k) => /^[A-Za-z0-9_.:-]{1,100}$/.test(k) && !RESERVED_PARAMS.has(k)),
      'extra parameters are name=value pairs joined by & (names of letters, digits, _ . : -), and none of the parameters Latch sets itself',
    )
    .optional(),
  tokens: TokenSet.optional(),
});

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

export const JwtSignerFields = z.object({
  algorithm: z.enum(JWT_ALGORITHMS),
  /** HS*: the shared secret as text (never assumed base64). Others: a PEM or JWK private key. */
  key: secretText('key'),
  issuer: z.string().optional(),
  subject: z.string().optional(),
  audience: z.string().optional(),
  lifetimeSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400 * 30)
    .default(300),
  keyId: z.string().optional(),
  /** Extra claims as a JSON object text. */
  claims: z.string().optional(),
});

export const HmacFields = z
  .object({
    /** Public key id / API key sent with the signature (where the recipe says), if any. */
    keyId: z.string().default(''),
    secret: secretText('secret'),
    /** Where the recipe came from; custom (or absent with a recipe): the user's own. */
    preset: z.enum(HMAC_PRESETS).optional(),
    /** Recipe text (docs/credentials.md); empty: the preset's recipe (no preset: timestamp-headers). */
    recipe: z.string().default(''),
  })
  .superRefine((f, ctx) => {
    const text = effectiveRecipeText(f);
    if (text === '') {
      ctx.addIssue({ code: 'custom', path: ['recipe'], message: 'a custom preset needs a recipe' });
      return;
    }
    const problem = recipeProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['recipe'], message: problem });
    else if (presetMismatch(f))
      ctx.addIssue({
        code: 'custom',
        path: ['preset'],
        message: `the recipe is not the ${f.preset} preset's: set preset to custom, or leave the recipe empty`,
      });
  });

export const AwsSigV4Fields = z.object({
  accessKeyId: nonEmpty('access key id'),
  secretAccessKey: secretText('secret access key'),
  sessionToken: z.string().optional(),
  region: nonEmpty('region'),
  service: nonEmpty('service'),
  unsignedPayload: z.boolean().default(false),
  /** `latch aws-credentials` assumes this role through STS with the keys above (optional). */
  roleArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
      'a role ARN looks like arn:aws:iam::123456789012:role/NAME',
    )
    .optional(),
});

export const TotpFields = z.object({
  /** Base32 secret, normalised: upper case, no spaces or padding. */
  secret: secretText('secret'),
  type: z.enum(['totp', 'hotp', 'steam']).default('totp'),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']).default('SHA1'),
  digits: z.number().int().min(5).max(10).default(6),
  period: z.number().int().min(1).max(3600).default(30),
  counter: z.number().int().min(0).default(0),
  issuer: z.string().optional(),
  account: z.string().optional(),
});

export const SecretFields = z.object({ name: nonEmpty('name'), value: secretText('value') });

export const CredentialFieldsByKind = {
  'api-key': ApiKeyFields,
  basic: BasicFields,
  digest: UserPasswordFields,
  bearer: BearerFields,
  oauth2: OAuth2Fields,
  'jwt-signer': JwtSignerFields,
  hmac: HmacFields,
  'aws-sigv4': AwsSigV4Fields,
  totp: TotpFields,
  secret: SecretFields,
} as const satisfies Record<CredentialKind, z.ZodType>;

export type FieldsOf<K extends CredentialKind> = z.output<(typeof CredentialFieldsByKind)[K]>;

/** Fields whose values are secrets: masked, never in the index, never in a log. */
export const SECRET_FIELDS: { [K in CredentialKind]: readonly string[] } = {
  'api-key': ['value'],
  basic: ['password', 'oauthRefreshToken'],
  digest: ['password'],
  bearer: ['token'],
  oauth2: ['clientSecret', 'clientPrivateKey', 'tokens'],
  'jwt-signer': ['key'],
  hmac: ['secret'],
  'aws-sigv4': ['secretAccessKey', 'sessionToken'],
  totp: ['secret'],
  secret: ['value'],
};

/** The field `latch get REF` prints when no field is named. */
export const PRIMARY_FIELD: { [K in CredentialKind]: string } = {
  'api-key': 'value',
  basic: 'password',
  digest: 'password',
  bearer: 'token',
  oauth2: 'accessToken',
  'jwt-signer': 'token',
  hmac: 'secret',
  'aws-sigv4': 'secretAccessKey',
  totp: 'code',
  secret: 'value',
};

export const Rotation = z.object({
  everyDays: z.number().int().min(1).max(3650).optional(),
  lastRotatedAt: z.number().optional(),
  /** The value before the last rotation, kept until `previousUntil`. */
  previous: z.record(z.string(), z.string()).optional(),
  previousUntil: z.number().optional(),
});
export type Rotation = z.infer<typeof Rotation>;

const meta = {
  id: z.string().min(1),
  name: nonEmpty('name').max(200),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Unix milliseconds; null when the credential does not expire. */
  expiresAt: z.number().nullable().default(null),
  rotation: Rotation.default({}),
  /** Where the credential may go without asking (docs/requests.md, "Host binding"). */
  ...HostBindingFields,
  /** Absent: the user made it. Set once, by the tool helper that created it (saved-by.ts). */
  savedBy: SavedBy.optional(),
};

export const Credential = z.discriminatedUnion('kind', [
  z.object({ ...meta, kind: z.literal('api-key'), fields: ApiKeyFields }),
  z.object({ ...meta, kind: z.literal('basic'), fields: BasicFields }),
  z.object({ ...meta, kind: z.literal('digest'), fields: UserPasswordFields }),
  z.object({ ...meta, kind: z.literal('bearer'), fields: BearerFields }),
  z.object({ ...meta, kind: z.literal('oauth2'), fields: OAuth2Fields }),
  z.object({ ...meta, kind: z.literal('jwt-signer'), fields: JwtSignerFields }),
  z.object({ ...meta, kind: z.literal('hmac'), fields: z.preprocess(migrateLegacyHmacFields, HmacFields) }),
  z.object({ ...meta, kind: z.literal('aws-sigv4'), fields: AwsSigV4Fields }),
  z.object({ ...meta, kind: z.literal('totp'), fields: TotpFields }),
  z.object({ ...meta, kind: z.literal('secret'), fields: SecretFields }),
]);
export type Credential = z.infer<typeof Credential>;
export type CredentialOf<K extends CredentialKind> = Extract<Credential, { kind: K }>;
