import { z } from 'zod';
import { CREDENTIAL_KINDS } from '../../main/core/model/credential';
import { channel } from '../define';

/** One row: a variable, the variables of one AWS key pair, or a service account; its role and words, never its value or key. */
const ImportItem = z.object({
  /** What a selection names (any of `variables` chooses the row too). */
  variable: z.string(),
  variables: z.array(z.string()),
  kind: z.enum(CREDENTIAL_KINDS),
  credentialName: z.string(),
  include: z.boolean(),
  renamed: z.boolean(),
  /** A secret is ticked; configuration (NODE_ENV, PORT, a plain URL) is not. */
  role: z.enum(['secret', 'configuration']),
  /** Why, in a few words ("Stripe live secret key", "Setting"). */
  why: z.string(),
  /** What it becomes when ticked ("API key in Payments, sent as Bearer"). */
  becomes: z.string(),
  line: z.number().optional(),
});

/** What the user sees before anything is written: names and kinds, never values. */
export const ImportPreview = z.discriminatedUnion('format', [
  z.object({
    format: z.enum(['env', 'postman', 'gcp-service-account']),
    service: z.object({ name: z.string(), exists: z.boolean() }),
    items: z.array(ImportItem),
    skipped: z.array(z.object({ variable: z.string(), line: z.number().optional(), reason: z.string() })),
  }),
  z.object({
    format: z.literal('latch'),
    services: z.array(
      z.object({
        source: z.string(),
        name: z.string(),
        renamed: z.boolean(),
        include: z.boolean(),
        credentials: z.array(z.object({ name: z.string(), kind: z.enum(CREDENTIAL_KINDS) })),
      }),
    ),
    otherRecords: z.number(),
  }),
]);
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The largest file an import takes; the renderer refuses a bigger one before reading it. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const MAX_FILE = MAX_IMPORT_BYTES;

const MasterPassword = z.string().min(1, 'enter the master password').max(1024);

/** Where an export went: the path the user chose, never the content. */
export const ExportOutcome = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(false) }),
  z.object({ saved: z.literal(true), path: z.string() }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;

export const ioChannels = {
  'io.previewImport': channel({
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        contentBase64: z.string().max(Math.ceil(MAX_FILE / 3) * 4),
        format: z.enum(['env', 'postman', 'gcp-service-account', 'latch']).optional(),
        service: z.string().max(120).optional(),
        backupPassword: z.string().max(1024).optional(),
      })
      .strict(),
    output: z.object({ importId: z.string(), preview: ImportPreview }),
  }),
  'io.applyImport': channel({
    input: z
      .object({ importId: z.string().min(1).max(64), selected: z.array(z.string().max(300)).max(10_000) })
      .strict(),
    /** `serviceIds`: the services written, so the page can link to them. */
    output: z.object({ services: z.number(), credentials: z.number(), serviceIds: z.array(z.string()) }),
  }),
  /**
   * Exports of secrets need the master password typed again (checked in main, under the
   * wrong-password delay) and write to a file the user picks in a save dialog shown by main:
   * the content never crosses the bridge. `saved: false` when the user cancelled the dialog.
   */
  'io.exportBackup': channel({
    input: z
      .object({
        masterPassword: MasterPassword,
        backupPassword: z.string().min(8, 'use at least 8 characters for the backup password').max(1024),
      })
      .strict(),
    output: ExportOutcome,
    gesture: true,
  }),
  'io.exportPlaintext': channel({
    input: z.object({ masterPassword: MasterPassword, confirmPlaintext: z.literal(true) }).strict(),
    output: ExportOutcome,
    gesture: true,
  }),
} as const;
