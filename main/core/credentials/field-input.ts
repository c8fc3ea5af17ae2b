import type { z } from 'zod';
import { CredentialFieldsByKind, type CredentialKind } from '../model/credential';
import { LatchError } from '../model/errors';

/**
 * Turns a field typed as text (`--field digits=8`) into what the kind's schema wants: the text
 * itself when it fits, else a number, a boolean (true/false/yes/no/on/off), or a comma-separated
 * list, whichever the field accepts. A value nothing fits is passed on as text so validation names
 * the field. An unknown field name is refused with the list of fields of the kind.
 */
export function coerceFieldInput(kind: CredentialKind, field: string, text: string): unknown {
  const shape = CredentialFieldsByKind[kind].shape as Record<string, z.ZodType>;
  const schema = shape[field];
  if (schema === undefined || (kind === 'oauth2' && field === 'tokens')) {
    const fields = Object.keys(shape).filter((f) => !(kind === 'oauth2' && f === 'tokens'));
    throw new LatchError(
      'ERR_BAD_INPUT',
      `A ${kind} credential has no field "${field}". Fields: ${fields.join(', ')}.`,
      {
        detail: { field },
      },
    );
  }
  const candidates: unknown[] = [text];
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) candidates.push(Number(t));
  const bool = /^(true|yes|on)$/i.test(t) ? true : /^(false|no|off)$/i.test(t) ? false : undefined;
  if (bool !== undefined) candidates.push(bool);
  candidates.push(
    t === ''
      ? []
      : t
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
  );
  for (const c of candidates) if (schema.safeParse(c).success) return c;
  return text;
}
