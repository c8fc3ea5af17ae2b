import type { z } from 'zod';
import { validateJwtSignerKey } from '../jwt/validate-key';
import { CredentialFieldsByKind, type CredentialKind, type FieldsOf } from '../model/credential';
import { LatchError } from '../model/errors';
import { parseBase32Secret } from '../totp/base32';

export interface FieldError {
  field: string;
  message: string;
}

function firstIssue(error: z.ZodError): FieldError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'fields';
  return { field, message: issue?.message ?? 'this value is not valid' };
}

/**
 * Validates a credential's fields for its kind and returns them normalised (defaults
 * filled, a Base32 secret upper-cased). Beyond the schema: a JWT signer's key must parse
 * for its algorithm, a TOTP secret must be Base32. The error names the field and never
 * echoes the value.
 */
export function validateCredentialFields<K extends CredentialKind>(kind: K, raw: unknown): FieldsOf<K> {
  const schema = CredentialFieldsByKind[kind] as unknown as z.ZodType<FieldsOf<K>>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new LatchError('ERR_BAD_INPUT', `${field}: ${message}.`, { detail: { field } });
  }
  const fields = parsed.data;
  if (kind === 'jwt-signer') {
    const f = fields as FieldsOf<'jwt-signer'>;
    const check = validateJwtSignerKey(f.claims === undefined ? f : { ...f, claims: f.claims });
    if (!check.ok)
      throw new LatchError('ERR_BAD_INPUT', `${check.field}: ${check.message}`, { detail: { field: check.field } });
  }
  if (kind === 'totp') {
    const f = fields as FieldsOf<'totp'>;
    try {
      return { ...f, secret: parseBase32Secret(f.secret).secret } as FieldsOf<K>;
    } catch (e) {
      if (e instanceof LatchError)
        throw new LatchError('ERR_BAD_INPUT', `secret: ${e.message}`, { detail: { ...e.detail, field: 'secret' } });
      throw e;
    }
  }
  return fields;
}
