import { z } from 'zod';
import { CREDENTIAL_KINDS, type CredentialKind, Rotation } from './credential';
import { DefaultHeaders, StoredDefaultHeader } from './default-headers';

/** What the user types for a service; validated on entry. */
export const ServiceInput = z.object({
  name: z.string().trim().min(1, 'a service needs a name').max(120, 'keep the name under 120 characters'),
  baseUrl: z
    .string()
    .trim()
    .default('')
    .refine((s) => {
      if (s === '') return true;
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'the base URL must be an http(s) URL such as https://api.example.com'),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb')
    .optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  notes: z.string().max(20_000).default(''),
  favourite: z.boolean().default(false),
  /** Sent with every request to the service (model/default-headers.ts); not secrets. */
  headers: DefaultHeaders.default([]),
});
export type ServiceInput = z.input<typeof ServiceInput>;

/** model/token-status.ts's TokenFacts: what a list knows of a credential's own access token. */
export const TokenFactsSchema = z.object({
  present: z.boolean(),
  expiresAt: z.number().nullable(),
  renewable: z.boolean(),
});

export const CredentialStatus = z.enum(['ok', 'expiring', 'expired', 'rotation-due']);
export type CredentialStatus = z.infer<typeof CredentialStatus>;

/** A credential as the list and the index know it: no secret, no secret-derived value. */
export const CredentialSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number().nullable(),
  rotation: Rotation.omit({ previous: true }),
  /** For OAuth 2.0 clients and bearer JWTs: when the current access token expires. */
  tokenExpiresAt: z.number().nullable().default(null),
  /** The facts every screen passes to tokenStatus (model/token-status.ts); null: no token of its own. */
  token: TokenFactsSchema.nullable().default(null),
  statuses: z.array(CredentialStatus).default([]),
});
export type CredentialSummary = z.infer<typeof CredentialSummary>;

export const ServiceSummary = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  colour: z.string().optional(),
  tags: z.array(z.string()),
  favourite: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  credentials: z.array(CredentialSummary),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/** A credential's fields as the service page shows them: secret fields are only named, never sent. */
export const CredentialView = CredentialSummary.extend({
  /** Non-secret fields with their values (strings, numbers, booleans, lists). */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  /** Names of the secret fields that hold a value: the UI masks them and reveals one on request. */
  secretFields: z.array(z.string()),
  hasPrevious: z.boolean(),
  /** Hosts beside the base URL's the credential goes to without asking, and the origins the user approved. */
  hosts: z.array(z.string()).default([]),
  approvedOrigins: z.array(z.string()).default([]),
});
export type CredentialView = z.infer<typeof CredentialView>;

export const ServiceView = ServiceSummary.extend({
  notes: z.string(),
  /** Shown in clear on the service page and in the request tester: they are not secrets. */
  headers: z.array(StoredDefaultHeader).default([]),
  credentials: z.array(CredentialView),
});
export type ServiceView = z.infer<typeof ServiceView>;

export const HealthIssueKind = z.enum([
  'expired',
  'expiring',
  'rotation-due',
  'token-expired',
  'token-expiring',
  'reused',
]);
export const HealthIssue = z.object({
  kind: HealthIssueKind,
  serviceId: z.string(),
  serviceName: z.string(),
  credentialId: z.string(),
  credentialName: z.string(),
  credentialKind: z.enum(CREDENTIAL_KINDS),
  /** Unix ms the issue refers to (expiry, due date), when there is one. */
  at: z.number().nullable(),
  /** For `reused`: the other places the same secret is used, as "Service / Credential". */
  alsoIn: z.array(z.string()).default([]),
});
export type HealthIssue = z.infer<typeof HealthIssue>;

export const isCredentialKind = (k: string): k is CredentialKind => (CREDENTIAL_KINDS as readonly string[]).includes(k);
