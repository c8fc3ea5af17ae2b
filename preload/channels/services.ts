import { z } from 'zod';
import { CREDENTIAL_KINDS } from '../../main/core/model/credential';
import { HealthIssue, ServiceSummary, ServiceView } from '../../main/core/model/service';
import { channel } from '../define';
import { Empty } from './app';

const Id = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });
const FieldValue = z.union([
  z.string().max(100_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)).max(20),
  z.null(),
]);
const Fields = z.record(z.string().max(64), FieldValue);

export const CopyFormat = z.enum(['value', 'env', 'reference']);

/**
 * A partial service update. Not ServiceInput.partial(): zod 4 applies a field's default
 * even inside optional, so a favourite toggle would arrive with baseUrl '', tags [] and
 * notes '' and wipe them. The store validates the merged result with ServiceInput.
 */
const ServicePatch = z
  .object({
    name: z.string().max(1000).optional(),
    baseUrl: z.string().max(4000).optional(),
    colour: z.string().max(32).optional(),
    tags: z.array(z.string().max(200)).max(100).optional(),
    notes: z.string().max(40_000).optional(),
    favourite: z.boolean().optional(),
    /** The whole list, replacing the old one; the store checks names and values (model/default-headers.ts). */
    headers: z
      .array(
        z
          .object({ name: z.string().max(1000), value: z.string().max(20_000), enabled: z.boolean().optional() })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();

export const servicesChannels = {
  'services.list': channel({ input: Empty, output: z.array(ServiceSummary) }),
  'services.get': channel({ input: z.object({ id: Id }).strict(), output: ServiceView }),
  'services.create': channel({
    // Shape only; the store validates the values and names the field that is wrong.
    input: z.object({ service: ServicePatch.extend({ name: z.string().max(1000) }) }).strict(),
    output: z.object({ id: z.string() }),
  }),
  /**
   * A gesture channel: a new base URL rebinds the service's credentials to its host (host
   * binding), so a script in the window must not be able to move them on its own.
   */
  'services.update': channel({
    input: z.object({ id: Id, service: ServicePatch }).strict(),
    output: Ok,
    gesture: true,
  }),
  // Deleting and rotating lose what is stored (only an automatic backup brings it back): never a script's alone.
  'services.delete': channel({ input: z.object({ id: Id }).strict(), output: Ok, gesture: true }),
  'services.health': channel({ input: Empty, output: z.array(HealthIssue) }),
  'credentials.add': channel({
    input: z
      .object({
        serviceId: Id,
        kind: z.enum(CREDENTIAL_KINDS),
        name: z.string().max(200),
        fields: Fields,
        expiresAt: z.number().nullable().optional(),
        rotateEveryDays: z.number().int().min(1).max(3650).nullable().optional(),
        /** Hosts beside the base URL's the credential may go to without asking; the store checks each. */
        hosts: z.array(z.string().max(300)).max(50).optional(),
      })
      .strict(),
    output: z.object({ id: z.string() }),
  }),
  'credentials.update': channel({
    input: z
      .object({
        serviceId: Id,
        credentialId: Id,
        name: z.string().max(200).optional(),
        fields: Fields.optional(),
        expiresAt: z.number().nullable().optional(),
        rotateEveryDays: z.number().int().min(1).max(3650).nullable().optional(),
        /** Hosts beside the base URL's the credential may go to without asking; the store checks each. */
        hosts: z.array(z.string().max(300)).max(50).optional(),
      })
      .strict(),
    output: Ok,
    // An edit decides where main sends the credential later on its own (an OAuth refresh goes to
    // the token endpoint), so a script alone must not make it. Main also drops an OAuth
    // credential's tokens when its endpoints change and wants its client secret typed again.
    // Its hosts widen where the credential goes without asking (host binding): the user's click only.
    gesture: true,
  }),
  /**
   * Forgets a host added to the credential (and the origins approved on it) or one approved origin.
   * A gesture channel like the edit it stands for: the user's click on "Forget" only.
   */
  'credentials.forgetHost': channel({
    input: z.object({ serviceId: Id, credentialId: Id, target: z.string().min(1).max(320) }).strict(),
    output: z.object({ forgotten: z.number() }),
    gesture: true,
  }),
  'credentials.delete': channel({
    input: z.object({ serviceId: Id, credentialId: Id }).strict(),
    output: Ok,
    gesture: true,
  }),
  /** The one place a secret value crosses to the renderer: an explicit reveal of one field. */
  'credentials.reveal': channel({
    input: z.object({ serviceId: Id, credentialId: Id, field: z.string().min(1).max(64) }).strict(),
    output: z.object({ value: z.string() }),
    gesture: true,
  }),
  /** Copy happens in main; the renderer never sees the value. */
  'credentials.copy': channel({
    input: z
      .object({
        serviceId: Id,
        credentialId: Id,
        field: z.string().min(1).max(64).optional(),
        as: CopyFormat.default('value'),
      })
      .strict(),
    output: z.object({ clearsInSeconds: z.number(), label: z.string() }),
    gesture: true,
  }),
  'credentials.rotate': channel({
    input: z
      .object({
        serviceId: Id,
        credentialId: Id,
        values: z.record(z.string().max(64), z.string().max(100_000)),
        graceDays: z.number().min(0).max(365),
      })
      .strict(),
    output: Ok,
    gesture: true,
  }),
} as const;

export const servicesEvents = {
  /** Services or credentials changed (here, or on disk by another process): lists reload. */
  'services.changed': z.object({}),
  'clipboard.cleared': z.object({ cleared: z.boolean() }),
} as const;
