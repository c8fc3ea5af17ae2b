import type { FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import { mergeRedaction, setHeader, type WireRequest } from '../wire';

/** RFC 7617 with UTF-8 (the charset every current server expects). */
export function basicAuthorization(username: string, password: string): string {
  if (username.includes(':')) {
    throw new LatchError('ERR_BAD_INPUT', 'A Basic auth username cannot contain ":" (RFC 7617).', {
      detail: { field: 'username' },
    });
  }
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function applyBasic(req: WireRequest, f: FieldsOf<'basic'>): WireRequest {
  const value = basicAuthorization(f.username, f.password);
  return {
    ...req,
    headers: setHeader(req.headers, 'Authorization', value),
    redaction: mergeRedaction(req.redaction, { values: [value.slice('Basic '.length)] }),
  };
}
