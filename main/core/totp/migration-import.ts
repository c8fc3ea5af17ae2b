import { type ErrorPayload, isLatchError, LatchError, toErrorPayload } from '../model/errors';
import { encodeBase32, parseBase32Secret } from './base32';
import { type ProtoField, readProtoFields } from './protobuf-reader';
import { shortSecretWarning } from './secret-warning';
import type { TotpFieldValues } from './types';

export type MigrationAlgorithm = 'SHA1' | 'SHA256' | 'SHA512' | 'MD5';

/** What the import preview shows for one account. Never carries the secret. */
export interface MigrationAccountPreview {
  /** Position in the payload, 0-based. */
  index: number;
  issuer?: string;
  account: string;
  type: 'totp' | 'hotp';
  algorithm: MigrationAlgorithm | 'unknown';
  digits: number;
  /** HOTP only. */
  counter: number | null;
}

export type MigrationAccount =
  | (MigrationAccountPreview & { ok: true; fields: TotpFieldValues; secretWarning: string | null })
  | (MigrationAccountPreview & { ok: false; error: ErrorPayload });

export interface MigrationBatch {
  version: number;
  /** Google splits large exports over several QR codes: batchIndex of batchSize, same batchId. */
  batchSize: number;
  batchIndex: number;
  batchId: number;
  accounts: MigrationAccount[];
}

const ALGORITHM_ENUM: Record<number, MigrationAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'MD5' };
const DIGITS_ENUM: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPE_ENUM: Record<number, 'totp' | 'hotp'> = { 0: 'totp', 1: 'hotp', 2: 'totp' };

function parseError(message: string): LatchError {
  return new LatchError('ERR_IMPORT_PARSE', message);
}

/**
 * Reads a Google Authenticator "Transfer accounts" QR payload
 * (`otpauth-migration://offline?data=<base64 MigrationPayload>`). Every account is returned:
 * the ones Latch cannot use (MD5, unknown enum values, an empty key) carry their own error, so the
 * preview can show them greyed out instead of failing the whole batch.
 */
export function importMigrationUri(input: string): MigrationBatch {
  const uri = input.trim();
  if (!/^otpauth-migration:\/\//i.test(uri)) {
    throw parseError('This is not a Google Authenticator export: those links start with otpauth-migration://offline.');
  }
  const payload = decodeBase64(extractData(uri));
  let batch: MigrationBatch = { version: 0, batchSize: 1, batchIndex: 0, batchId: 0, accounts: [] };
  const rawAccounts: Uint8Array[] = [];
  for (const f of readProtoFields(payload)) {
    if (f.field === 1 && f.wire === 2) rawAccounts.push(f.value);
    else if (f.field === 2 && f.wire === 0) batch = { ...batch, version: Number(f.value) };
    else if (f.field === 3 && f.wire === 0) batch = { ...batch, batchSize: Number(f.value) };
    else if (f.field === 4 && f.wire === 0) batch = { ...batch, batchIndex: Number(f.value) };
    else if (f.field === 5 && f.wire === 0) batch = { ...batch, batchId: Number(BigInt.asIntN(32, f.value)) };
  }
  if (rawAccounts.length === 0) throw parseError('The export holds no accounts.');
  return { ...batch, accounts: rawAccounts.map((raw, index) => decodeAccount(raw, index)) };
}

/** The raw `data` value: '+' must stay '+', so URLSearchParams (which turns it into a space) is not used. */
function extractData(uri: string): string {
  const query = uri.slice(uri.indexOf('?') + 1);
  if (!uri.includes('?')) throw parseError('The export link has no data parameter.');
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).toLowerCase() === 'data') {
      try {
        return decodeURIComponent(part.slice(eq + 1)).replace(/ /g, '+');
      } catch {
        throw parseError('The export data has broken percent-encoding.');
      }
    }
  }
  throw parseError('The export link has no data parameter.');
}

function decodeBase64(data: string): Uint8Array {
  const clean = data.replace(/\s/g, '');
  if (clean === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) {
    throw parseError('The export data is not valid base64. Scan or copy the QR code again.');
  }
  return new Uint8Array(Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

const text = new TextDecoder('utf-8', { fatal: false });

function decodeAccount(raw: Uint8Array, index: number): MigrationAccount {
  let secretBytes: Uint8Array = new Uint8Array(0);
  let name = '';
  let issuer: string | undefined;
  let algorithmCode = 0;
  let digitsCode = 0;
  let typeCode = 0;
  let counterRaw = 0n;
  const fields: ProtoField[] = readProtoFields(raw);
  for (const f of fields) {
    if (f.field === 1 && f.wire === 2) secretBytes = f.value;
    else if (f.field === 2 && f.wire === 2) name = text.decode(f.value);
    else if (f.field === 3 && f.wire === 2) issuer = text.decode(f.value).trim() || undefined;
    else if (f.field === 4 && f.wire === 0) algorithmCode = Number(f.value);
    else if (f.field === 5 && f.wire === 0) digitsCode = Number(f.value);
    else if (f.field === 6 && f.wire === 0) typeCode = Number(f.value);
    else if (f.field === 7 && f.wire === 0) counterRaw = f.value;
  }
  const { account, issuer: resolvedIssuer } = splitName(name, issuer);
  const algorithm = ALGORITHM_ENUM[algorithmCode];
  const digits = DIGITS_ENUM[digitsCode];
  const type = TYPE_ENUM[typeCode];
  const preview: MigrationAccountPreview = {
    index,
    account,
    type: type ?? 'totp',
    algorithm: algorithm ?? 'unknown',
    digits: digits ?? 6,
    counter: type === 'hotp' ? Number(counterRaw) : null,
  };
  if (resolvedIssuer !== undefined) preview.issuer = resolvedIssuer;

  const refuse = (message: string, field: string): MigrationAccount => ({
    ...preview,
    ok: false,
    error: { code: 'ERR_TOTP_INVALID', message, detail: { field, index } },
  });
  if (algorithm === 'MD5') {
    return refuse(
      'This account uses MD5, which Latch does not support (no standard authenticator does). Set up 2FA again with the service.',
      'algorithm',
    );
  }
  if (algorithm === undefined) return refuse('This account uses an algorithm Latch does not know.', 'algorithm');
  if (digits === undefined) return refuse('This account uses a code length Latch does not know.', 'digits');
  if (type === undefined) return refuse('This account uses an OTP type Latch does not know.', 'type');
  if (counterRaw > BigInt(Number.MAX_SAFE_INTEGER))
    return refuse('This account’s HOTP counter is too large.', 'counter');

  try {
    const { secret } = parseBase32Secret(encodeBase32(secretBytes));
    const out: TotpFieldValues = {
      secret,
      type,
      algorithm,
      digits,
      period: 30,
      counter: type === 'hotp' ? Number(counterRaw) : 0,
      account,
    };
    if (resolvedIssuer !== undefined) out.issuer = resolvedIssuer;
    return { ...preview, ok: true, fields: out, secretWarning: shortSecretWarning(secret) };
  } catch (e) {
    if (!isLatchError(e)) throw e;
    const payload = toErrorPayload(e);
    return { ...preview, ok: false, error: { ...payload, detail: { ...payload.detail, index } } };
  }
}

/** Google stores the label as given by the service, often "Issuer:account"; drop the duplicate prefix. */
function splitName(name: string, issuer: string | undefined): { account: string; issuer?: string } {
  const trimmed = name.trim();
  if (issuer !== undefined) {
    return trimmed.startsWith(`${issuer}:`)
      ? { account: trimmed.slice(issuer.length + 1).trim(), issuer }
      : { account: trimmed, issuer };
  }
  const colon = trimmed.indexOf(':');
  if (colon > 0) return { account: trimmed.slice(colon + 1).trim(), issuer: trimmed.slice(0, colon).trim() };
  return { account: trimmed };
}
