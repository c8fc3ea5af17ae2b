import { z } from 'zod';
import { channel } from '../define';
import { Empty } from './app';

const Id = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });
/** Links carry the secret; a migration export of many accounts is the longest. */
const Uri = z.string().min(1).max(20_000);

export const OtpType = z.enum(['totp', 'hotp', 'steam']);
export const OtpAlgorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);
/** The recovery-code alphabets main/core/totp/backup-code-generate.ts offers (the handler's type checks the match). */
export const BackupAlphabet = z.enum(['base32', 'hex', 'digits']);
export type BackupAlphabet = z.infer<typeof BackupAlphabet>;

/** One code on the Codes screen: everything but the secret. */
export const TotpEntry = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  credentialId: z.string(),
  name: z.string(),
  issuer: z.string().nullable(),
  account: z.string().nullable(),
  type: OtpType,
  algorithm: OtpAlgorithm,
  digits: z.number(),
  period: z.number(),
  /** HOTP: the counter the next code will use. */
  counter: z.number(),
});
export type TotpEntry = z.infer<typeof TotpEntry>;

export const TotpCodeItem = z.object({
  credentialId: z.string(),
  code: z.string().nullable(),
  next: z.string().nullable(),
  period: z.number().nullable(),
  secondsRemaining: z.number().nullable(),
  validUntilMs: z.number().nullable(),
  /** Why this credential cannot make a code (deleted, damaged secret); the others still update. */
  error: z.string().nullable(),
});
export type TotpCodeItem = z.infer<typeof TotpCodeItem>;

/** The fields the user types or a link gives, as sent to be stored. */
export const TotpFieldsInput = z
  .object({
    secret: z.string().min(1).max(1024),
    type: OtpType.default('totp'),
    algorithm: OtpAlgorithm.default('SHA1'),
    digits: z.number().int().min(5).max(10).default(6),
    period: z.number().int().min(1).max(3600).default(30),
    counter: z.number().int().min(0).default(0),
    issuer: z.string().max(200).optional(),
    account: z.string().max(200).optional(),
  })
  .strict();

/** A link or account described without its secret, for a preview before anything is saved. */
export const TotpPreview = z.object({
  issuer: z.string().nullable(),
  account: z.string().nullable(),
  type: OtpType,
  algorithm: OtpAlgorithm,
  digits: z.number(),
  period: z.number(),
  counter: z.number(),
});
export type TotpPreview = z.infer<typeof TotpPreview>;

export const MigrationPreviewAccount = z.object({
  index: z.number(),
  issuer: z.string().nullable(),
  account: z.string(),
  type: z.enum(['totp', 'hotp']),
  algorithm: z.string(),
  digits: z.number(),
  counter: z.number().nullable(),
  ok: z.boolean(),
  error: z.string().nullable(),
  /** A key shorter than 10 bytes: imported, with this warning shown. */
  warning: z.string().nullable(),
});
export type MigrationPreviewAccount = z.infer<typeof MigrationPreviewAccount>;

const TotpSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fields'), fields: TotpFieldsInput }).strict(),
  z.object({ kind: z.literal('uri'), uri: Uri }).strict(),
  z.object({ kind: z.literal('migration'), uri: Uri, index: z.number().int().min(0).max(1000) }).strict(),
]);

export const TotpAddItem = z
  .object({
    /** An existing service; or `serviceName`, which finds a service by name or creates it. */
    serviceId: Id.optional(),
    serviceName: z.string().min(1).max(200).optional(),
    name: z.string().min(1).max(200),
    source: TotpSource,
  })
  .strict()
  .refine((i) => (i.serviceId === undefined) !== (i.serviceName === undefined), {
    message: 'give either serviceId or serviceName',
  });
export type TotpAddItem = z.input<typeof TotpAddItem>;

const Located = z.object({ serviceId: Id, credentialId: Id }).strict();

export const totpChannels = {
  'totp.list': channel({ input: Empty, output: z.array(TotpEntry) }),
  /** Replaces the app's set of codes on screen; main answers with a `totp.codes` event now and at each boundary. */
  'totp.subscribe': channel({
    input: z.object({ ids: z.array(Id).max(2000) }).strict(),
    output: z.object({ subscribed: z.number() }),
  }),
  'totp.unsubscribe': channel({ input: Empty, output: Ok }),
  /**
   * HOTP: the code for the stored counter; the counter moves on and is saved. `saved: false`: the save failed and
   * the moved counter is held for the save-failed banner; the code is the one the counter moved for, so it is shown.
   */
  'totp.nextHotp': channel({
    input: Located,
    output: z.object({ code: z.string(), counter: z.number(), saved: z.boolean() }),
    gesture: true,
  }),
  /**
   * Copies the current code in main (HOTP: the last one handed out); the code does not cross. A
   * gesture channel like `credentials.copy`: a script alone cannot put a live code where it may be pasted.
   */
  'totp.copy': channel({
    input: Located,
    output: z.object({ clearsInSeconds: z.number() }),
    gesture: true,
  }),
  'totp.parseUri': channel({
    input: z.object({ uri: Uri }).strict(),
    /** secretWarning: the key is shorter than 10 bytes; it works, and the preview says so. */
    output: z.object({ preview: TotpPreview, issuerMismatch: z.boolean(), secretWarning: z.string().nullable() }),
  }),
  'totp.importMigration': channel({
    input: z.object({ uri: Uri }).strict(),
    output: z.object({
      batchIndex: z.number(),
      batchSize: z.number(),
      accounts: z.array(MigrationPreviewAccount),
    }),
  }),
  'totp.decodeQr': channel({
    input: z.object({ pngBase64: z.string().min(1).max(6_000_000) }).strict(),
    output: z.object({ text: z.string() }),
  }),
  /** Any image the renderer could draw on a canvas, as its RGBA pixels. */
  'totp.decodeQrPixels': channel({
    input: z
      .object({
        width: z.number().int().min(1).max(2048),
        height: z.number().int().min(1).max(2048),
        rgbaBase64: z.string().min(1).max(7_000_000),
      })
      .strict(),
    output: z.object({ text: z.string() }),
  }),
  /** One or many codes, all or nothing: if one item is refused, none is saved. */
  'totp.add': channel({
    input: z.object({ items: z.array(TotpAddItem).min(1).max(200) }).strict(),
    output: z.object({ added: z.array(z.object({ serviceId: z.string(), credentialId: z.string() })) }),
  }),
  /** Shows the set-up link and its QR again: reveals the secret, on an explicit user action like reveal. */
  'totp.showQr': channel({
    input: Located,
    output: z.object({ uri: z.string(), svg: z.string() }),
    gesture: true,
  }),
  'totp.backupCodes': channel({
    input: z.object({ serviceId: Id }).strict(),
    output: z.object({
      credentialId: z.string().nullable(),
      total: z.number(),
      left: z.number(),
      codes: z.array(z.object({ index: z.number(), label: z.string(), used: z.boolean() })),
    }),
  }),
  /** Replaces the service's recovery codes with the pasted list (one per line). */
  'totp.setBackupCodes': channel({
    input: z.object({ serviceId: Id, text: z.string().max(20_000) }).strict(),
    output: z.object({ total: z.number() }),
  }),
  /**
   * Marks one unused recovery code used, then copies it in main. A gesture channel: a script alone
   * could otherwise copy every code in turn and use them all up. `saved: false`: the save failed and the
   * mark is held for the save-failed banner; the code was copied, since the vault counts it used.
   */
  'totp.useBackupCode': channel({
    input: z.object({ serviceId: Id, index: z.number().int().min(0).max(1000) }).strict(),
    output: z.object({ left: z.number(), clearsInSeconds: z.number(), saved: z.boolean() }),
    gesture: true,
  }),
  /** The last server clock the request tester saw, against this computer's (null: none seen yet). */
  'totp.clockOffset': channel({
    input: Empty,
    output: z
      .object({ offsetMs: z.number(), uncertaintyMs: z.number(), large: z.boolean(), host: z.string(), at: z.number() })
      .nullable(),
  }),
  /** MFA lab: plays the server side; needs no vault. */
  'lab.generate': channel({
    input: z
      .object({
        issuer: z.string().max(200).default(''),
        account: z.string().max(200).default(''),
        algorithm: OtpAlgorithm.default('SHA1'),
        digits: z.number().int().min(6).max(8).default(6),
        period: z.number().int().min(1).max(3600).default(30),
      })
      .strict(),
    output: z.object({ secret: z.string(), uri: z.string(), svg: z.string() }),
  }),
  /** MFA lab: recovery codes for the user's own app (drawn in main with crypto.randomInt; kept nowhere). */
  'lab.backupCodes': channel({
    input: z
      .object({
        count: z.number().int().min(1).max(100).default(10),
        length: z.number().int().min(6).max(32).default(10),
        alphabet: BackupAlphabet.default('base32'),
        group: z.number().int().min(0).max(32).default(5),
      })
      .strict(),
    output: z.object({
      codes: z.array(z.string()),
      alphabet: BackupAlphabet,
      entropyBits: z.number(),
      storage: z.object({ scheme: z.enum(['argon2id', 'sha-256']), why: z.string(), example: z.string() }),
    }),
  }),
  'lab.verify': channel({
    input: z
      .object({
        secret: z.string().max(1024).optional(),
        uri: Uri.optional(),
        algorithm: OtpAlgorithm.default('SHA1'),
        digits: z.number().int().min(6).max(8).default(6),
        period: z.number().int().min(1).max(3600).default(30),
        code: z.string().max(20),
        window: z.number().int().min(0).max(10).default(1),
      })
      .strict(),
    output: z.object({ valid: z.boolean(), delta: z.number().nullable() }),
  }),
} as const;

export const totpEvents = {
  /** New codes: all of them on subscribe, then only those that rolled at each period boundary. */
  'totp.codes': z.object({ nowMs: z.number(), initial: z.boolean(), items: z.array(TotpCodeItem) }),
} as const;
