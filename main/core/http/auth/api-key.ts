import type { FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import { mergeRedaction, setHeader, type WireRequest } from '../wire';
import { setBodyField } from './body-update';

/** "Bearer" and "Token" get a space; "key=" or "Bearer " are used as written. */
export function apiKeyHeaderValue(value: string, prefix: string | undefined): string {
  if (!prefix) return value;
  return /[\s=:]$/.test(prefix) ? `${prefix}${value}` : `${prefix} ${value}`;
}

/** Puts the key where the credential says: one header, one query parameter, or one body field. */
export function applyApiKey(req: WireRequest, f: FieldsOf<'api-key'>): WireRequest {
  if (f.header !== undefined) {
    return {
      ...req,
      headers: setHeader(req.headers, f.header, apiKeyHeaderValue(f.value, f.prefix)),
      redaction: mergeRedaction(req.redaction, { values: [f.value] }),
    };
  }
  if (f.query !== undefined) {
    const url = new URL(req.url);
    url.searchParams.set(f.query, f.value);
    return { ...req, url, redaction: mergeRedaction(req.redaction, { queryParams: [f.query], values: [f.value] }) };
  }
  if (f.body !== undefined) {
    return setBodyField(
      { ...req, redaction: mergeRedaction(req.redaction, { bodyFields: [f.body], values: [f.value] }) },
      f.body,
      f.value,
      'The API key',
    );
  }
  throw new LatchError('ERR_BAD_INPUT', 'Say where the API key goes: a header, a query parameter or a body field.', {
    detail: { field: 'header' },
  });
}
