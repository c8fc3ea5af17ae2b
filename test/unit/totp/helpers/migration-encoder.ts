/**
 * A minimal encoder for Google Authenticator's MigrationPayload protobuf, used only to produce
 * test fixtures. Independent of the decoder under test (it writes bytes by hand).
 */
export interface FixtureOtpParameters {
  secret: Uint8Array;
  name: string;
  issuer?: string;
  /** 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5 */
  algorithm?: number;
  /** 0 unspecified, 1 SIX, 2 EIGHT */
  digits?: number;
  /** 0 unspecified, 1 HOTP, 2 TOTP */
  type?: number;
  counter?: bigint;
}

export interface FixturePayload {
  accounts: FixtureOtpParameters[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

function varint(value: bigint): number[] {
  // Negative int32/int64 values are written as 64-bit two's complement, as protobuf does.
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function key(field: number, wire: number): number[] {
  return varint(BigInt((field << 3) | wire));
}

function bytesField(field: number, value: Uint8Array): number[] {
  return [...key(field, 2), ...varint(BigInt(value.length)), ...value];
}

function varintField(field: number, value: bigint): number[] {
  return [...key(field, 0), ...varint(value)];
}

export function encodeOtpParameters(p: FixtureOtpParameters): Uint8Array {
  const utf8 = new TextEncoder();
  const out = [...bytesField(1, p.secret), ...bytesField(2, utf8.encode(p.name))];
  if (p.issuer !== undefined) out.push(...bytesField(3, utf8.encode(p.issuer)));
  if (p.algorithm !== undefined) out.push(...varintField(4, BigInt(p.algorithm)));
  if (p.digits !== undefined) out.push(...varintField(5, BigInt(p.digits)));
  if (p.type !== undefined) out.push(...varintField(6, BigInt(p.type)));
  if (p.counter !== undefined) out.push(...varintField(7, p.counter));
  return new Uint8Array(out);
}

export function encodeMigrationPayload(payload: FixturePayload): Uint8Array {
  const out: number[] = [];
  for (const account of payload.accounts) out.push(...bytesField(1, encodeOtpParameters(account)));
  out.push(...varintField(2, BigInt(payload.version)));
  out.push(...varintField(3, BigInt(payload.batchSize)));
  out.push(...varintField(4, BigInt(payload.batchIndex)));
  out.push(...varintField(5, BigInt(payload.batchId)));
  return new Uint8Array(out);
}

export function migrationUri(payload: FixturePayload): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(encodeMigrationPayload(payload)).toString('base64'))}`;
}

const ascii = (s: string) => new TextEncoder().encode(s);

/** The accounts in test/fixtures/totp/migration-mixed.txt. */
export const MIXED_FIXTURE: FixturePayload = {
  version: 1,
  batchSize: 1,
  batchIndex: 0,
  batchId: -1234567,
  accounts: [
    {
      secret: ascii('12345678901234567890'),
      name: 'alice@example.com',
      issuer: 'Example',
      algorithm: 1,
      digits: 1,
      type: 2,
    },
    {
      secret: ascii('12345678901234567890123456789012'),
      name: 'Work:bob@work.example',
      issuer: 'Work',
      algorithm: 2,
      digits: 2,
      type: 2,
    },
    {
      secret: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
      name: 'carol',
      algorithm: 3,
      digits: 1,
      type: 1,
      counter: 42n,
    },
    { secret: ascii('md5md5md5md5md5md5md'), name: 'legacy', issuer: 'OldCorp', algorithm: 4, digits: 1, type: 2 },
    { secret: ascii('defaultsdefaults'), name: 'GitHub:dave' },
    {
      secret: ascii('unicode-unicode-unic'),
      name: 'Zoë ✓',
      issuer: 'Bänk',
      algorithm: 1,
      digits: 2,
      type: 1,
      counter: 1099511627776n,
    },
    { secret: ascii('short'), name: 'tiny', issuer: 'Short', algorithm: 1, digits: 1, type: 2 },
  ],
};
