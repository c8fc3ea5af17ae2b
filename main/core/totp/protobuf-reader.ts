import { LatchError } from '../model/errors';

/** One decoded protobuf field: varints as bigint (int64 must not lose bits), length-delimited as bytes. */
export type ProtoField =
  | { field: number; wire: 0; value: bigint }
  | { field: number; wire: 2; value: Uint8Array }
  | { field: number; wire: 1 | 5; value: Uint8Array };

function corrupt(what: string): LatchError {
  return new LatchError('ERR_IMPORT_PARSE', `The export data is damaged (${what}). Scan or copy the QR code again.`);
}

/**
 * Reads the fields of one protobuf message. Just enough of the wire format for Google
 * Authenticator's MigrationPayload; unknown fields are returned too so callers can skip them.
 */
export function readProtoFields(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw corrupt('a number runs past the end');
      const byte = buf[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw corrupt('a number is too long');
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || pos + n > buf.length) throw corrupt('a field runs past the end');
    const out = buf.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw corrupt('field number 0');
    if (wire === 0) fields.push({ field, wire, value: varint() });
    else if (wire === 2) fields.push({ field, wire, value: take(Number(varint())) });
    else if (wire === 1) fields.push({ field, wire, value: take(8) });
    else if (wire === 5) fields.push({ field, wire, value: take(4) });
    else throw corrupt(`unsupported wire type ${wire}`);
  }
  return fields;
}
