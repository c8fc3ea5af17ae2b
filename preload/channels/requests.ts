/**
 * The request tester: sign a request with a stored credential, send it from main, and
 * show what came back. What crosses here is the request as composed and a view of the
 * response with the sent request REDACTED: the signed copy never leaves main.
 */
import { z } from 'zod';
import { HeaderSwitch, MAX_DEFAULT_HEADERS } from '../../main/core/model/default-headers';
import { HMAC_PRESETS } from '../../main/core/model/signing-recipe';
import { channel } from '../define';

const Id = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });
const Text = (max: number) => z.string().max(max);

export const KeyValueRow = z.object({
  name: Text(1_000),
  value: Text(100_000),
  enabled: z.boolean().default(true),
});

export const ComposedBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('json'), text: Text(1_048_576) }),
  z.object({ kind: z.literal('form'), fields: z.array(KeyValueRow).max(200) }),
  z.object({ kind: z.literal('multipart'), fields: z.array(KeyValueRow).max(200) }),
  z.object({
    kind: z.literal('raw'),
    text: Text(1_048_576),
    contentType: Text(200).default('text/plain; charset=utf-8'),
  }),
]);

/** The request as the user composed it (no auth applied). */
export const ComposedRequest = z.object({
  method: z.string().min(1).max(20),
  url: z.string().min(1).max(8_000),
  query: z.array(KeyValueRow).max(200).default([]),
  headers: z.array(KeyValueRow).max(200).default([]),
  /**
   * This request's switches for its service's default headers, by name; a default not named here
   * follows the service. Main merges the defaults in (model/default-headers.ts), so `headers` holds
   * only what the user typed.
   */
  serviceHeaders: z.array(HeaderSwitch).max(MAX_DEFAULT_HEADERS).default([]),
  body: ComposedBody.default({ kind: 'none' }),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  followRedirects: z.boolean().default(true),
  verifyTls: z.boolean().default(true),
});
export type ComposedRequest = z.output<typeof ComposedRequest>;

export const RetrySettings = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(1),
  baseDelayMs: z.number().int().min(0).max(60_000).optional(),
  maxDelayMs: z.number().int().min(0).max(600_000).optional(),
  retryUnsafeMethods: z.boolean().optional(),
});

const Header = z.object({ name: z.string(), value: z.string() });

export const AttemptView = z.object({
  attempt: z.number(),
  startedAt: z.number(),
  durationMs: z.number(),
  outcome: z.union([z.number(), z.string()]),
  waitMsBefore: z.number(),
  reason: z.string(),
});
export type AttemptView = z.output<typeof AttemptView>;

export const SentView = z.object({
  method: z.string(),
  url: z.string(),
  requestLine: z.string(),
  headers: z.array(Header),
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('base64'), base64: z.string() }),
  ]),
  bodyBytes: z.number(),
});

const Finding = z.object({ level: z.enum(['ok', 'info', 'warn', 'bad']), text: z.string() });

export const AuditView = z.object({
  https: z.boolean(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      validTo: z.string(),
      expiresAt: z.number(),
      daysLeft: z.number(),
      expired: z.boolean(),
      trusted: z.boolean(),
      trustError: z.string().nullable(),
      protocol: z.string().nullable(),
    })
    .nullable(),
  securityHeaders: z.array(
    z.object({ name: z.string(), present: z.boolean(), value: z.string().nullable(), note: z.string() }),
  ),
  rateLimit: z
    .object({
      limit: z.number().nullable(),
      remaining: z.number().nullable(),
      resetAt: z.number().nullable(),
      retryAfterMs: z.number().nullable(),
      sources: z.array(z.string()),
    })
    .nullable(),
  challenges: z.array(
    z.object({
      scheme: z.string(),
      params: z.record(z.string(), z.string()),
      token68: z.string().optional(),
      explanation: z.string(),
    }),
  ),
  serverDate: z.number().nullable(),
  clockOffsetMs: z.number().nullable(),
  findings: z.array(Finding),
});
export type AuditView = z.output<typeof AuditView>;

export const ResponseView = z.object({
  requestId: z.string(),
  status: z.number(),
  statusText: z.string(),
  httpVersion: z.string(),
  url: z.string(),
  headers: z.array(Header),
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('empty') }),
    z.object({ kind: z.literal('text'), text: z.string(), contentType: z.string().nullable() }),
    z.object({ kind: z.literal('base64'), base64: z.string(), contentType: z.string().nullable() }),
  ]),
  /** Cut for display (the bridge carries at most a few MiB); `truncated` is the engine's own download cap. */
  bodyCapped: z.boolean(),
  truncated: z.boolean(),
  decodeError: z.string().nullable(),
  size: z.object({ headerBytes: z.number(), wireBodyBytes: z.number(), bodyBytes: z.number() }),
  timing: z.object({
    dnsMs: z.number().nullable(),
    connectMs: z.number().nullable(),
    tlsMs: z.number().nullable(),
    firstByteMs: z.number(),
    downloadMs: z.number(),
    totalMs: z.number(),
    reusedConnection: z.boolean(),
  }),
  tls: z
    .object({
      protocol: z.string().nullable(),
      cipher: z.string().nullable(),
      authorized: z.boolean(),
      authorizationError: z.string().nullable(),
      certificate: z
        .object({
          subject: z.string(),
          issuer: z.string(),
          validFrom: z.string(),
          validTo: z.string(),
          subjectAltName: z.string().nullable(),
          fingerprint256: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  cookies: z.array(
    z.object({
      name: z.string(),
      value: z.string(),
      domain: z.string().optional(),
      path: z.string().optional(),
      expires: z.number().optional(),
      maxAge: z.number().optional(),
      secure: z.boolean(),
      httpOnly: z.boolean(),
      sameSite: z.string().optional(),
    }),
  ),
  redirects: z.array(z.object({ method: z.string(), url: z.string(), status: z.number(), location: z.string() })),
  sentRedacted: SentView,
  attempts: z.array(AttemptView),
  retryNote: z.string().nullable(),
  receivedAt: z.number(),
  audit: AuditView,
  /** Echoes of the credential's secrets (or a derived signature or token) masked before crossing. */
  masked: z.number(),
});
export type ResponseView = z.output<typeof ResponseView>;

/** One history row: the request as composed and a summary of what came back (never a secret, never the body). */
export const HistoryEntry = z.object({
  id: z.string(),
  at: z.number(),
  credentialId: z.string().nullable(),
  request: ComposedRequest,
  /** The JSON/raw body was longer than the history keeps (64 KiB) and was cut. */
  bodyCut: z.boolean().default(false),
  outcome: z.object({
    status: z.number().nullable(),
    error: z.string().nullable(),
    totalMs: z.number().nullable(),
    bodyBytes: z.number().nullable(),
    attempts: z.number(),
    url: z.string(),
  }),
});
export type HistoryEntry = z.output<typeof HistoryEntry>;

export const SavedRequest = z.object({
  id: z.string(),
  name: z.string(),
  savedAt: z.number(),
  credentialId: z.string().nullable(),
  request: ComposedRequest,
});
export type SavedRequest = z.output<typeof SavedRequest>;

const Target = {
  /** Absent: an unsigned request (history then goes to the "no service" list). */
  serviceId: Id.optional(),
  credentialId: Id.optional(),
};

export const CopyAsFormat = z.enum(['curl', 'fetch']);
const CopyAsInput = z.object({ ...Target, request: ComposedRequest, format: CopyAsFormat }).strict();
const CopiedAs = z.object({ clearsInSeconds: z.number(), label: z.string() });

export const requestsChannels = {
  'requests.send': channel({
    input: z
      .object({
        /** Chosen by the renderer so it can cancel and match `requests.attempt` events. */
        requestId: Id,
        ...Target,
        request: ComposedRequest,
        retry: RetrySettings.default({ maxAttempts: 1 }),
      })
      .strict(),
    output: ResponseView,
    gesture: true,
  }),
  /**
   * The recipe editor's live preview: what an HMAC recipe would sign for this request. Takes
   * no secret and returns none (the secret shows as {secret}, the signature as {signature}).
   */
  'requests.previewSigning': channel({
    input: z
      .object({
        serviceId: Id.optional(),
        preset: z.enum(HMAC_PRESETS),
        recipe: Text(10_000),
        keyId: Text(1_000),
        request: ComposedRequest,
      })
      .strict(),
    output: z.object({
      stringToSign: z.string(),
      outputs: z.array(z.object({ in: z.enum(['header', 'query', 'body']), name: z.string(), value: z.string() })),
    }),
  }),
  /**
   * The user's "Send to this host" in the host-binding prompt: remembered for this credential in
   * the vault. A gesture channel, so a script in the window cannot approve a host on its own.
   */
  'requests.approveHost': channel({
    input: z
      .object({
        serviceId: Id,
        credentialId: Id,
        origin: z
          .string()
          .regex(/^https?:\/\/[^/?#@\s]+$/)
          .max(320),
      })
      .strict(),
    output: Ok,
    gesture: true,
  }),
  'requests.cancel': channel({
    input: z.object({ requestId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  /**
   * Copies through the clipboard guard in main, the credential's values redacted; nothing secret
   * comes back. No gesture: what it copies holds no secret.
   */
  'requests.copyAs': channel({
    input: CopyAsInput,
    output: CopiedAs,
  }),
  /**
   * The same copy with the credential's real values in it: a secret on the clipboard, so a gesture
   * channel like `credentials.copy` (a script alone cannot put a key where it may paste it out).
   */
  'requests.copyAsWithSecrets': channel({
    input: CopyAsInput,
    output: CopiedAs,
    gesture: true,
  }),
  'requests.history': channel({
    input: z.object({ serviceId: Id.optional() }).strict(),
    output: z.array(HistoryEntry),
  }),
  'requests.clearHistory': channel({
    input: z.object({ serviceId: Id.optional() }).strict(),
    output: Ok,
  }),
  'requests.save': channel({
    input: z
      .object({
        serviceId: Id.optional(),
        credentialId: Id.optional(),
        name: z.string().trim().min(1).max(200),
        request: ComposedRequest,
      })
      .strict(),
    output: z.object({ id: z.string() }),
  }),
  'requests.saved': channel({
    input: z.object({ serviceId: Id.optional() }).strict(),
    output: z.array(SavedRequest),
  }),
  'requests.deleteSaved': channel({
    input: z.object({ serviceId: Id.optional(), id: Id }).strict(),
    output: Ok,
  }),
} as const;

export const requestsEvents = {
  /** Each attempt of a request in flight, as it ends: the timeline fills in live. */
  'requests.attempt': z.object({ requestId: z.string(), attempt: AttemptView }),
  /** History or saved requests of a service changed. */
  'requests.changed': z.object({ serviceId: z.string().nullable() }),
} as const;
