/**
 * OAuth 2.0 sign-in and token lifecycle, and the JWT tools. Token values never cross to the
 * renderer here: `oauth.tokens` gives status and times only (a token is revealed or copied
 * through `credentials.reveal`/`credentials.copy` like any other secret). `jwt.sign` returns the
 * token it minted, because the user asked for it.
 */
import { z } from 'zod';
import { CLIENT_AUTH_METHODS, JWT_ALGORITHMS, OAUTH_GRANTS } from '../../main/core/model/credential';
import { TokenFactsSchema } from '../../main/core/model/service';
import { TOKEN_STATES } from '../../main/core/model/token-status';
import { channel } from '../define';
import { Empty } from './app';

const Id = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });
const Located = z.object({ serviceId: Id, credentialId: Id }).strict();

export const OAuthTokenStatus = z.enum(TOKEN_STATES);
export type OAuthTokenStatus = z.infer<typeof OAuthTokenStatus>;

/** The redirect URI to register at the provider, exactly as main's sign-in will send it. */
export const OAuthRedirectInfo = z.object({
  uri: z.string(),
  /** The port is chosen per sign-in: the provider must accept any port on a loopback redirect. */
  anyPort: z.boolean(),
  note: z.string(),
});
export type OAuthRedirectInfo = z.infer<typeof OAuthRedirectInfo>;

/** One oauth2 credential as the OAuth screen lists it: times and flags, never a token. */
export const OAuthTokenInfo = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  credentialId: z.string(),
  name: z.string(),
  provider: z.string(),
  grant: z.enum(OAUTH_GRANTS),
  /** The issuer, or the token endpoint's origin when there is no discovery. */
  server: z.string().nullable(),
  scopes: z.string(),
  status: OAuthTokenStatus,
  /** The facts the screen passes to tokenStatus (the one status function) as time moves on. */
  token: TokenFactsSchema.nullable(),
  expiresAt: z.number().nullable(),
  obtainedAt: z.number().nullable(),
  hasRefreshToken: z.boolean(),
  hasIdToken: z.boolean(),
  /** A sign-in (or refresh) is running for it now. */
  busy: z.boolean(),
  /** Set once a browser sign-in has waited long: what it waits for (the user can cancel it). */
  waitingFor: z.string().nullable(),
  /** The scheduler keeps it fresh while the vault is unlocked. */
  autoRefresh: z.boolean(),
  /** Why the last background refresh failed, if it did. */
  lastError: z.string().nullable(),
  /** What to register at the provider (authorization code and implicit only). */
  redirect: OAuthRedirectInfo.nullable(),
});
export type OAuthTokenInfo = z.infer<typeof OAuthTokenInfo>;

export const OAuthPresetInfo = z.object({
  id: z.string(),
  label: z.string(),
  params: z.array(z.object({ name: z.string(), label: z.string(), example: z.string() })),
  scopes: z.string(),
  clientAuth: z.enum(CLIENT_AUTH_METHODS),
  consoleUrl: z.string(),
  notes: z.string(),
  /** false for GitHub: no discovery, fixed endpoints. */
  discovery: z.boolean(),
  deviceFlow: z.boolean(),
});
export type OAuthPresetInfo = z.infer<typeof OAuthPresetInfo>;

export const FlowLogEntry = z.object({
  method: z.string(),
  url: z.string(),
  status: z.number(),
  durationMs: z.number(),
  at: z.number(),
  requestHeaders: z.record(z.string(), z.string()).optional(),
  requestBody: z.string().optional(),
  error: z.string().optional(),
  /** ok: an answer below 400 naming no OAuth error; failed: no answer, 4xx/5xx, or a 200 with `error`. */
  outcome: z.enum(['ok', 'failed']),
  oauthError: z.string().optional(),
  /** The answer's body, every token, secret and code masked in main. */
  responseBody: z.string().optional(),
});
export type FlowLogEntry = z.infer<typeof FlowLogEntry>;

export const FlowLog = z.object({
  /** Which flow: a grant, "refresh" or "revocation". */
  flow: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(['running', 'ok', 'failed', 'cancelled']),
  /** The error code and message when it failed (never a secret). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  entries: z.array(FlowLogEntry),
});
export type FlowLog = z.infer<typeof FlowLog>;

export const DeviceCodeInfo = z.object({
  serviceId: z.string(),
  credentialId: z.string(),
  userCode: z.string(),
  verificationUri: z.string(),
  verificationUriComplete: z.string().nullable(),
  expiresAt: z.number(),
});
export type DeviceCodeInfo = z.infer<typeof DeviceCodeInfo>;

const PresetId = z.enum(['github', 'google', 'microsoft', 'gitlab', 'auth0', 'okta', 'keycloak', 'custom']);

export const NewOAuthClient = z
  .object({
    serviceName: z.string().min(1).max(200),
    credentialName: z.string().min(1).max(200).default('OAuth'),
    preset: PresetId,
    clientId: z.string().min(1).max(2000),
    clientSecret: z.string().max(10_000).optional(),
    /** Preset placeholders: tenant, domain, baseUrl, realm. */
    params: z.record(z.string().max(32), z.string().max(2000)).default({}),
    /** custom: the issuer (discovery) */
    issuer: z.string().max(2000).optional(),
    scopes: z.string().max(2000).optional(),
    grant: z.enum(OAUTH_GRANTS).optional(),
    clientAuth: z.enum(CLIENT_AUTH_METHODS).optional(),
    /** Empty: the preset's, or a free port on 127.0.0.1 per sign-in. */
    redirectUri: z.string().max(2000).optional(),
  })
  .strict();
export type NewOAuthClient = z.input<typeof NewOAuthClient>;

export const JwtKeyKind = z.enum(['secret', 'pem', 'jwk', 'jwks']);
export type JwtKeyKind = z.infer<typeof JwtKeyKind>;

const Claims = z.record(z.string(), z.unknown());

export const DecodedJwtView = z.object({
  header: Claims,
  claims: Claims,
  signature: z.string(),
  issuedAt: z.number().nullable(),
  notBefore: z.number().nullable(),
  expiresAt: z.number().nullable(),
});
export type DecodedJwtView = z.infer<typeof DecodedJwtView>;

export const JwtVerifyResult = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    alg: z.string(),
    kid: z.string().nullable(),
    header: Claims,
    claims: Claims,
    expiresAt: z.number().nullable(),
  }),
  z.object({
    valid: z.literal(false),
    /** One of main/core/jwt's reasons: expired, bad-signature, wrong-alg, no-matching-key, ... */
    reason: z.string(),
    message: z.string(),
  }),
]);
export type JwtVerifyResult = z.infer<typeof JwtVerifyResult>;

const Token = z.string().min(1).max(100_000);

export const JwtSignInput = z.union([
  z
    .object({
      serviceId: Id,
      credentialId: Id,
      /** Extra claims as JSON object text, merged under the credential's. */
      claims: z.string().max(100_000).optional(),
    })
    .strict(),
  z
    .object({
      algorithm: z.enum(JWT_ALGORITHMS),
      /** HS*: the secret as text, byte for byte (never base64-decoded). Others: PEM or JWK private key. */
      key: z.string().min(1).max(100_000),
      issuer: z.string().max(2000).optional(),
      subject: z.string().max(2000).optional(),
      audience: z.string().max(2000).optional(),
      lifetimeSeconds: z
        .number()
        .int()
        .min(1)
        .max(86_400 * 30)
        .optional(),
      keyId: z.string().max(200).optional(),
      claims: z.string().max(100_000).optional(),
    })
    .strict(),
]);
export type JwtSignInput = z.input<typeof JwtSignInput>;

export const oauthChannels = {
  'oauth.presets': channel({ input: Empty, output: z.array(OAuthPresetInfo) }),
  /** A service with one oauth2 credential, filled from a provider preset (or a custom issuer). */
  'oauth.createClient': channel({
    input: NewOAuthClient,
    output: z.object({ serviceId: z.string(), credentialId: z.string() }),
  }),
  /** The redirect URI to register for a preset (or custom client) and an optional fixed redirect. */
  'oauth.redirect': channel({
    input: z.object({ preset: PresetId, redirectUri: z.string().max(2000).optional() }).strict(),
    output: OAuthRedirectInfo,
  }),
  'oauth.tokens': channel({ input: Empty, output: z.array(OAuthTokenInfo) }),
  /**
   * Runs the credential's grant and saves the tokens. Authorization code (and legacy implicit)
   * opens the system browser and waits for the loopback redirect; device code announces the
   * user code with an `oauth.device` event and waits for approval.
   */
  'oauth.signIn': channel({
    input: Located,
    output: OAuthTokenInfo,
    gesture: true,
  }),
  /** Stops the running sign-in of one credential (or every one): it fails with ERR_CANCELLED. */
  'oauth.cancel': channel({ input: z.object({ credentialId: Id.optional() }).strict(), output: Ok }),
  'oauth.refresh': channel({
    input: Located,
    output: OAuthTokenInfo,
  }),
  /** Clears the tokens at once; revocation at the server goes through the background queue. */
  'oauth.signOut': channel({
    input: Located,
    output: z.object({ revocation: z.enum(['queued', 'unsupported', 'nothing']) }),
  }),
  /** The redacted request logs of this credential's last flows (sign-in, refresh, revocation), newest first. */
  'oauth.log': channel({ input: Located, output: z.object({ logs: z.array(FlowLog).max(10) }) }),
  /** A device flow waiting for the user, if any (after a reload of the screen). */
  'oauth.pendingDevice': channel({ input: Empty, output: z.array(DeviceCodeInfo) }),
  'jwt.decode': channel({
    input: z.object({ token: Token }).strict(),
    output: DecodedJwtView,
  }),
  'jwt.verify': channel({
    input: z
      .object({
        token: Token,
        key: z.object({ kind: JwtKeyKind, value: z.string().min(1).max(100_000) }).strict(),
        issuer: z.string().max(2000).optional(),
        audience: z.string().max(2000).optional(),
      })
      .strict(),
    output: JwtVerifyResult,
  }),
  'jwt.sign': channel({
    input: JwtSignInput,
    output: z.object({ token: z.string(), issuedAt: z.number(), expiresAt: z.number() }),
    gesture: true,
  }),
} as const;

export const oauthEvents = {
  /** Token status changed (sign-in, refresh, sign-out, lock): list again. */
  'oauth.changed': z.object({}),
  /** A device flow started: show the code and the link. */
  'oauth.device': DeviceCodeInfo,
  /** Where an authorization code sign-in is: listening, browser-opened, callback-received, tokens-received. */
  'oauth.progress': z.object({ credentialId: z.string(), stage: z.string() }),
  /** The server refused the refresh token: the user must sign in again. */
  'oauth.loginRequired': z.object({ serviceId: z.string(), credentialId: z.string(), name: z.string() }),
  /** A notification for the user (the host's Notifier shows them as toasts). */
  'oauth.notice': z.object({ title: z.string(), body: z.string(), at: z.number() }),
} as const;
