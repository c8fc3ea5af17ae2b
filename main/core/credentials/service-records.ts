/**
 * How a service is laid out in the vault: the index entry (names, kinds, tags, expiry,
 * fingerprints: what lists and search need, decrypted at unlock) and the record body
 * (every field, secrets included: decrypted only when the service is opened or used).
 */
import { z } from 'zod';
import { Credential } from '../model/credential';
import { StoredDefaultHeader } from '../model/default-headers';
import type { ServiceSummary } from '../model/service';
import { TokenFactsSchema } from '../model/service';
import type { TokenFacts } from '../model/token-status';
import { credentialStatuses, tokenExpiresAt, tokenFacts } from './credential-status';
import { secretFingerprint } from './fingerprint';

export const SERVICE_RECORD_PREFIX = 'svc_';

export const ServiceBody = z.object({
  v: z.literal(1),
  name: z.string(),
  baseUrl: z.string(),
  colour: z.string().optional(),
  tags: z.array(z.string()),
  notes: z.string(),
  favourite: z.boolean(),
  /** Absent in services written before default headers existed: none. */
  headers: z.array(StoredDefaultHeader).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  credentials: z.array(Credential),
});
export type ServiceBody = z.infer<typeof ServiceBody>;

export const IndexCredential = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number().nullable(),
  tokenExpiresAt: z.number().nullable(),
  /** Absent in entries written before it existed: read back from tokenExpiresAt (legacyTokenFacts). */
  token: TokenFactsSchema.nullable().optional(),
  rotation: z.object({
    everyDays: z.number().optional(),
    lastRotatedAt: z.number().optional(),
    previousUntil: z.number().optional(),
  }),
  fingerprint: z.string().nullable(),
});

export const ServiceEntry = z.object({
  type: z.literal('service'),
  v: z.literal(1),
  name: z.string(),
  baseUrl: z.string(),
  colour: z.string().optional(),
  tags: z.array(z.string()),
  favourite: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  credentials: z.array(IndexCredential),
});
export type ServiceEntry = z.infer<typeof ServiceEntry>;

/**
 * An index entry as read back. Entries are validated once, when written (entryFor parses what it
 * builds), and the index is authenticated as a whole by its AEAD tag, so a read only tells a service
 * entry from other records' entries: a zod parse of each of 10,000 entries to find one name cost more
 * than the decryption of the index itself.
 */
export function readServiceEntry(raw: unknown): ServiceEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Partial<ServiceEntry>;
  return e.type === 'service' && e.v === 1 && typeof e.name === 'string' && Array.isArray(e.credentials)
    ? (e as ServiceEntry)
    : null;
}

/** The index entry of a service, validated here so every reader can trust it (see readServiceEntry). */
export function entryFor(body: ServiceBody): ServiceEntry {
  return ServiceEntry.parse({
    type: 'service',
    v: 1,
    name: body.name,
    baseUrl: body.baseUrl,
    ...(body.colour ? { colour: body.colour } : {}),
    tags: body.tags,
    favourite: body.favourite,
    createdAt: body.createdAt,
    updatedAt: body.updatedAt,
    credentials: body.credentials.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      expiresAt: c.expiresAt,
      tokenExpiresAt: tokenExpiresAt(c),
      token: tokenFacts(c),
      rotation: {
        ...(c.rotation.everyDays !== undefined ? { everyDays: c.rotation.everyDays } : {}),
        ...(c.rotation.lastRotatedAt !== undefined ? { lastRotatedAt: c.rotation.lastRotatedAt } : {}),
        ...(c.rotation.previousUntil !== undefined ? { previousUntil: c.rotation.previousUntil } : {}),
      },
      fingerprint: secretFingerprint(c),
    })),
  });
}

/** An entry from before `token` was indexed knows only the expiry; the next save of its service writes the facts. */
export function indexTokenFacts(c: z.infer<typeof IndexCredential>): TokenFacts | null {
  if (c.token !== undefined) return c.token;
  return c.tokenExpiresAt === null ? null : { present: true, expiresAt: c.tokenExpiresAt, renewable: false };
}

export function summaryFrom(id: string, e: ServiceEntry, now: number): ServiceSummary {
  return {
    id,
    name: e.name,
    baseUrl: e.baseUrl,
    ...(e.colour ? { colour: e.colour } : {}),
    tags: e.tags,
    favourite: e.favourite,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    credentials: e.credentials.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind as Credential['kind'],
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      expiresAt: c.expiresAt,
      rotation: c.rotation,
      tokenExpiresAt: c.tokenExpiresAt,
      token: indexTokenFacts(c),
      statuses: credentialStatuses(c, now),
    })),
  };
}

/** How a record is named to the user (a conflict message): the service's name, else the record id. */
export function describeRecord(id: string, entry: unknown): string {
  const service = id.startsWith(SERVICE_RECORD_PREFIX) ? readServiceEntry(entry) : null;
  if (service) return `Service "${service.name}"`;
  return `Record "${id}"`;
}
