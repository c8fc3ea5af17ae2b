import type { FieldsOf } from '../model/credential';
import { isLatchError } from '../model/errors';
import { parseExtraClaims } from './extra-claims';
import { describeKey, signingKeyFrom } from './keys';

export type JwtSignerKeyCheck =
  | { ok: true; keyDescription: string; warnings: string[] }
  | { ok: false; field: 'key' | 'algorithm' | 'claims'; message: string };

const HS_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

/** For forms: says inline what is wrong with the key (or extra claims), without signing anything. */
export function validateJwtSignerKey(
  fields: Pick<FieldsOf<'jwt-signer'>, 'algorithm' | 'key'> & { claims?: string },
): JwtSignerKeyCheck {
  const warnings: string[] = [];
  try {
    const key = signingKeyFrom(fields.algorithm, fields.key);
    const min = HS_MIN_BYTES[fields.algorithm];
    if (min !== undefined && Buffer.byteLength(fields.key, 'utf8') < min) {
      warnings.push(
        `RFC 7518 asks for a secret of at least ${min} bytes for ${fields.algorithm}; this one is shorter.`,
      );
    }
    if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      warnings.push('RSA keys shorter than 2048 bits are refused by many servers.');
    }
    parseExtraClaims(fields.claims);
    return { ok: true, keyDescription: describeKey(key), warnings };
  } catch (e) {
    if (isLatchError(e)) {
      const f = e.detail?.field;
      return { ok: false, field: f === 'algorithm' || f === 'claims' ? f : 'key', message: e.message };
    }
    return { ok: false, field: 'key', message: 'This key cannot be used.' };
  }
}
